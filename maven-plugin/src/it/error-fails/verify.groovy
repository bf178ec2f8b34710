// The check's finding is logged with File.java:line and the build fails, naming the class.
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] [pyrite] Broken.java:11: error: Math.random() inside model \'scale\' bypasses Pyrite\'s handlers')
assert log.contains('Pyrite found errors in tiny.Broken')
return true
