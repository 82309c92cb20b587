/** The part of jStat (https://jstat.github.io) this project uses; the package ships no types. */
declare module 'jstat' {
  interface ContinuousDistribution {
    /** Quantile function (inverse CDF). */
    inv(p: number, ...parameters: number[]): number;
    cdf(x: number, ...parameters: number[]): number;
  }
  export const jStat: {
    /** Beta(alpha, beta). */
    beta: ContinuousDistribution;
    /** Gamma(shape, scale): scale = 1 / rate. */
    gamma: ContinuousDistribution;
    gammaln(x: number): number;
  };
}
