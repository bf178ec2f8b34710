/**
 * Pyrite's inference spread over Apache Spark, embedded ({@code local[*]}) unless a master is
 * named ({@link org.pyrite.spark.PyriteSpark}):
 * <ul>
 *   <li>{@link org.pyrite.spark.PerGroup}: one model fitted per group of a data set (SVI or NUTS),
 *       posterior summaries per group as a data set, a failing group reported in its own row;</li>
 *   <li>{@link org.pyrite.spark.DistributedImportance} and
 *       {@link org.pyrite.spark.DistributedPredictive}: samples drawn in seeded blocks over
 *       partitions, reduced on the executors, the same on any partitioning;</li>
 *   <li>{@link org.pyrite.spark.DataParallelSVI}: each step's subsampled ELBO gradient summed from
 *       the partitions' shares, the optimizer on the driver.</li>
 * </ul>
 * What is shipped to the executors is typed to be serializable: {@link org.pyrite.spark.SparkModel},
 * {@link org.pyrite.spark.RowsToArgs}, {@link org.pyrite.spark.RowsToBatch},
 * {@link org.pyrite.spark.SparkGuide}. Seeds for the work are derived by name
 * ({@link org.pyrite.spark.Seeds}), never drawn in the order tasks happen to run.
 */
package org.pyrite.spark;
