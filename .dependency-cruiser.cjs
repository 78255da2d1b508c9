// Import direction (DESIGN.md "Which way imports run"): a wrong arrow fails `npm run lint`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'model-imports-nothing-of-ours', severity: 'error', from: { path: '^src/model/' }, to: { path: '^src/', pathNot: '^src/model/' } },
    { name: 'rules-import-only-model', severity: 'error', from: { path: '^src/rules/' }, to: { path: '^src/', pathNot: '^src/(model|rules|testing)/' } },
    { name: 'rules-no-io', severity: 'error', from: { path: '^src/rules/', pathNot: '\\.test\\.ts$' }, to: { path: '^(fs|node:fs|net|node:net|http|node:http|child_process|node:child_process)$' } },
    // Tests of a source may run rules on what it produces; the source itself may not.
    { name: 'sources-not-downstream', severity: 'error', from: { path: '^src/sources/', pathNot: '\\.test\\.ts$' }, to: { path: '^src/(rules|check|report|cli|pipeline|fix)/' } },
    { name: 'check-imports-model-rules-config', severity: 'error', from: { path: '^src/check/' }, to: { path: '^src/', pathNot: '^src/(model|rules|config|check)/' } },
    { name: 'report-not-sources', severity: 'error', from: { path: '^src/report/' }, to: { path: '^src/(sources|cli|pipeline)/' } },
    { name: 'nothing-imports-cli', severity: 'error', from: { path: '^src/', pathNot: '^src/(cli/|bin\\.ts)' }, to: { path: '^src/cli/' } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
