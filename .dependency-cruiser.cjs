/**
 * `npm run depcruise`: the architecture rules a reviewer would otherwise check by eye.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Import cycles make load order matter and folders impossible to read on their own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'runtime-knows-no-support',
      severity: 'error',
      comment: 'src/runtime is a generic actor system: it imports nothing else from src.',
      from: { path: '^src/runtime/' },
      to: { path: '^src/', pathNot: '^src/runtime/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
