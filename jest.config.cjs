/** Jest runs TypeScript through esbuild (the same compiler that builds the add-on).
 *  The mljs packages and libphonenumber-js ship ESM only, so node_modules is transformed too. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/runtime'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(ts|js|mjs)$': '<rootDir>/test/esbuild-transform.cjs' },
  transformIgnorePatterns: [],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testTimeout: 60000,
};
