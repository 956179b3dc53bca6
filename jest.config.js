// Jest in native ESM mode; @swc/jest strips types (type checking is `npm run typecheck`).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } },
    ],
  },
  // Sources import siblings as './x.js' (NodeNext); map them back to the .ts files.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // share Node's typed-array constructors with test contexts (native addons such as
  // onnxruntime-node create arrays in the main context); see the file for details
  setupFiles: ['<rootDir>/test/helpers/jest-shared-realm.ts'],
  testTimeout: 60000,
};
