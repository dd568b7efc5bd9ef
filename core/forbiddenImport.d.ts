// Where core/tsconfig.json sends `vscode`, `vscode-languageserver*` and the other editor packages:
// this file is no module, so importing one of them from core/ fails to compile with
// "File '.../core/forbiddenImport.d.ts' is not a module" (TS2306). core/ is the engine that the
// CLI, the language server, the debug adapter and the extension all share; editor APIs stay in
// client/ and server/ (CONTRIBUTING.md, Layout). The other projects point `vscode` here too, since
// only the extension host provides it.
