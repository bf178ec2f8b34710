// The first run rewrote the model class (its class file now calls Pyrite.sample) and left Plain alone;
// the second run found both unchanged and skipped them.
def log = new File(basedir, 'build.log').text
assert log.contains('[pyrite] 1 of 1 classes using Pyrite\'s annotations rewritten in classes, 0 unchanged since the last run skipped (')
assert log.contains('[pyrite] 0 of 0 classes using Pyrite\'s annotations rewritten in classes, 2 unchanged since the last run skipped (')
def bytes = new File(basedir, 'target/classes/tiny/Scale.class').bytes
def text = new String(bytes, 'ISO-8859-1')
assert text.contains('org/pyrite/Pyrite')
assert text.contains('org/pyrite/agent/Instrumented')
assert !new String(new File(basedir, 'target/classes/tiny/Plain.class').bytes, 'ISO-8859-1').contains('org/pyrite/Pyrite')
return true
