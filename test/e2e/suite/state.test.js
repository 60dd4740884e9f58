// Each set's own database and the way out of a failed run, in a real editor. Two sets are added
// to the workspace copy: a goose worker whose migration runs without a transaction and fails
// after two statements took effect, and a MySQL tree left on the default target.
const assert = require('assert');
const vscode = require('vscode');
const { waitFor, workspaceUri } = require('./helpers.js');

const WORKER = 'worker/migrations/00001_create_jobs.sql';
const WORKER_SQL = [
  '-- +goose NO TRANSACTION',
  '-- +goose Up',
  'CREATE TABLE jobs (id bigint PRIMARY KEY, name text NOT NULL);',
  "INSERT INTO jobs VALUES (1, 'nightly');",
  'UPDATE jobs SET nme = name;',
  '-- +goose Down',
  'DROP TABLE jobs;',
  '',
].join('\n');
const REPORTS = 'reports/mysql/000001_create_reports.up.sql';

const rootOf = (path) => workspaceUri(path.split('/').slice(0, -1).join('/')).fsPath.replace(/\\/g, '/');

suite('one database per set, and the way out of a failed run', () => {
  const worker = rootOf(WORKER);
  const db = workspaceUri('db/migrations').fsPath.replace(/\\/g, '/');

  suiteSetup(async () => {
    const write = (path, text) => vscode.workspace.fs.writeFile(workspaceUri(path), Buffer.from(text));
    await write(WORKER, WORKER_SQL);
    await write(REPORTS, 'CREATE TABLE reports (id INT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;\n');
    await write(REPORTS.replace('.up.', '.down.'), 'DROP TABLE reports;\n');
    // Found once the server has seen the new files: a status of the worker set reads.
    await waitFor('the worker set', async () => {
      const status = await vscode.commands.executeCommand('migrationLens.showStatus', { root: worker });
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return status;
    });
  });

  test('a failure that was not rolled back names what took effect; the state says failed part-way; the next run is refused', async () => {
    const report = await vscode.commands.executeCommand('migrationLens.migrateUp', { root: worker, runDespiteErrors: true });
    assert.ok(report && report.failure, 'the run did not fail');
    assert.strictEqual(report.failure.rolledBack, false);
    assert.deepStrictEqual(report.failure.tookEffect.map((statement) => statement.line), [3, 4]);
    assert.match(report.failure.outcome, /^It was NOT rolled back: the 2 statements before the failing one took effect \(line 3: CREATE TABLE jobs/);
    const status = await vscode.commands.executeCommand('migrationLens.showStatus', { root: worker });
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.deepStrictEqual(status.migrations.map((m) => [m.state, m.detail]), [['failed', 'migration_lens_history: statements before the failing one took effect']]);
    // Refused: the command answers nothing and offers the ways out in a notification.
    assert.strictEqual(await vscode.commands.executeCommand('migrationLens.migrateUp', { root: worker, runDespiteErrors: true }), undefined);
  });

  test('the SQL console on the set\'s own database runs the statement at the cursor', async () => {
    const uri = await vscode.commands.executeCommand('migrationLens.openSqlConsole', { root: worker });
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.toString() === uri, 'the console is not the active editor');
    assert.match(editor.document.getText(), /^-- SQL console on the embedded PostgreSQL database worker_migrations /);
    await editor.edit((edit) => edit.insert(editor.document.positionAt(editor.document.getText().length), 'SELECT id, name FROM jobs;\nSELECT 2;\n'));
    const cursor = editor.document.positionAt(editor.document.getText().indexOf('FROM jobs'));
    editor.selection = new vscode.Selection(cursor, cursor);
    const result = await vscode.commands.executeCommand('migrationLens.runSql');
    assert.deepStrictEqual(result.statements.map((s) => [s.text, s.columns, s.rows]), [['SELECT id, name FROM jobs', ['id', 'name'], [['1', 'nightly']]]]);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('each set runs on a database of its own, named after it', async () => {
    const read = async (root) => {
      const status = await vscode.commands.executeCommand('migrationLens.showStatus', { root });
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return status;
    };
    assert.match((await read(worker)).target, /\/databases\/worker_migrations\)$/);
    const ofDb = await read(db);
    assert.match(ofDb.target, /\/databases\/db_migrations\)$/);
    assert.ok(!ofDb.migrations.some((m) => m.name === 'create_jobs'), "the worker's run is not in db/migrations' history");
  });

  test('"Use a Docker MySQL" gives the MySQL set, and only it, the docker target', async () => {
    const target = await vscode.commands.executeCommand('migrationLens.useDockerTarget', { root: rootOf(REPORTS) });
    assert.strictEqual(target, 'docker');
    const settings = vscode.workspace.getConfiguration('migrationLens');
    assert.deepStrictEqual(settings.get('targets'), { 'reports/mysql': 'docker' });
    assert.strictEqual(settings.get('target'), 'embedded', 'the other sets keep theirs');
    await settings.update('targets', undefined, vscode.ConfigurationTarget.Workspace);
  });
});
