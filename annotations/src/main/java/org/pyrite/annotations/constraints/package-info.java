/**
 * Constraint markers for {@link org.pyrite.annotations.Param#constraint()}: each names one of
 * {@code org.pyrite.distributions.constraints.Constraints}' constraints, which the Pyrite agent uses when
 * it routes a read of the parameter through the parameter store.
 *
 * <table>
 *   <caption>markers and the constraints they stand for</caption>
 *   <tr><th>marker</th><th>{@code Constraints.}</th></tr>
 *   <tr><td>{@link Real} (default)</td><td>{@code real()}</td></tr>
 *   <tr><td>{@link RealVector}</td><td>{@code realVector()}</td></tr>
 *   <tr><td>{@link Positive}</td><td>{@code positive()}</td></tr>
 *   <tr><td>{@link NonNegative}</td><td>{@code nonnegative()}</td></tr>
 *   <tr><td>{@link UnitInterval}</td><td>{@code unitInterval()}</td></tr>
 *   <tr><td>{@link Simplex}</td><td>{@code simplex()}</td></tr>
 *   <tr><td>{@link LowerCholesky}</td><td>{@code lowerCholesky()}</td></tr>
 *   <tr><td>{@link PositiveDefinite}</td><td>{@code positiveDefinite()}</td></tr>
 *   <tr><td>{@link GreaterThan}</td><td>{@code greaterThan(lower)}</td></tr>
 *   <tr><td>{@link LessThan}</td><td>{@code lessThan(upper)}</td></tr>
 *   <tr><td>{@link Interval}</td><td>{@code interval(lower, upper)}</td></tr>
 * </table>
 */
package org.pyrite.annotations.constraints;
