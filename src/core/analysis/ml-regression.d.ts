// ml-regression ships no type declarations; this re-exports the typed class it bundles.
declare module 'ml-regression' {
  import MultivariateLinearRegression = require('ml-regression-multivariate-linear');
  export { MultivariateLinearRegression };
}
