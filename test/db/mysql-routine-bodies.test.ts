// Trigger and routine bodies judged by the real MariaDB that scripts/test.mjs starts. MySQL parses
// the whole body when a migration creates the trigger or routine, so a misspelled keyword inside
// BEGIN … END fails that migration: every body here runs on the server first, and a syntax error
// is reported exactly where the server refuses the CREATE.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SYNTAX_ERROR_RULE } from '../../server/src/engine/model/finding.js';
import { testServerUrl } from '../support/databases/environment.js';
import { checkSql, findingsOf } from '../unit/rules/helpers.js';
import { scratchDatabase, serverRefusal } from './mariadb-scratch.js';

const server = testServerUrl('mysql');
const TABLES = 'stock, audit';
const SETUP = [
  'CREATE TABLE stock (item_id int, warehouse_id int, quantity int, reserved int, note varchar(40))',
  'CREATE TABLE audit (id int AUTO_INCREMENT PRIMARY KEY, item_id int, delta int, at datetime)',
];
const DROP_ROUTINES = ['DROP TRIGGER IF EXISTS stock_apply', 'DROP PROCEDURE IF EXISTS reserve', 'DROP FUNCTION IF EXISTS free_stock'];

const TRIGGER = `CREATE TRIGGER stock_apply AFTER UPDATE ON stock
FOR EACH ROW
BEGIN
    INSERT INTO audit (item_id, delta, at) VALUES (NEW.item_id, NEW.quantity - OLD.quantity, NOW());
    UPDATE stock SET note = CASE WHEN NEW.quantity < 0 THEN 'negative' ELSE note END
     WHERE item_id = NEW.item_id AND warehouse_id <> NEW.warehouse_id;
END`;

const PROCEDURE = `CREATE PROCEDURE reserve(IN p_item INT, IN p_amount INT)
MODIFIES SQL DATA
BEGIN
    DECLARE v_free INT DEFAULT 0;
    DECLARE v_quantity, v_reserved INT;
    DECLARE done INT DEFAULT FALSE;
    DECLARE cur CURSOR FOR SELECT quantity FROM stock WHERE item_id = p_item;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = TRUE;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;
    SELECT quantity, reserved INTO v_quantity, v_reserved FROM stock WHERE item_id = p_item LIMIT 1;
    SET v_free = IF(v_quantity IS NULL, 0, v_quantity - v_reserved);
    IF v_free < p_amount THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'not enough stock';
    ELSEIF CASE WHEN p_amount > 100 THEN 1 ELSE 0 END = 1 THEN
        UPDATE stock SET note = 'large' WHERE item_id = p_item;
    ELSE
        UPDATE stock SET reserved = reserved + p_amount WHERE item_id = p_item;
    END IF;
    CASE p_amount
        WHEN 0 THEN DELETE FROM audit WHERE item_id = p_item;
        ELSE REPLACE INTO audit (id, item_id, delta) VALUES (1, p_item, p_amount);
    END CASE;
    OPEN cur;
    read_loop: LOOP
        FETCH cur INTO v_quantity;
        IF done THEN LEAVE read_loop; END IF;
        WHILE v_quantity > 0 DO
            SET v_quantity = v_quantity - 1;
        END WHILE;
        REPEAT
            SET v_free = v_free - 1;
        UNTIL v_free <= 0 END REPEAT;
    END LOOP read_loop;
    CLOSE cur;
END`;

const FUNCTION = `CREATE FUNCTION free_stock(p_item INT) RETURNS INT
READS SQL DATA
BEGIN
    DECLARE v_free INT;
    SELECT SUM(quantity - reserved) INTO v_free FROM stock WHERE item_id = p_item;
    RETURN COALESCE(v_free, 0);
END`;

const VALID = [
  TRIGGER,
  PROCEDURE,
  FUNCTION,
  'CREATE TRIGGER stock_apply BEFORE INSERT ON stock FOR EACH ROW SET NEW.note = UPPER(NEW.note)',
  'CREATE TRIGGER stock_apply AFTER DELETE ON stock FOR EACH ROW DELETE FROM audit WHERE item_id = OLD.item_id',
  'CREATE PROCEDURE reserve() BEGIN NOT ATOMIC FOR i IN 1..3 DO INSERT INTO audit (item_id) VALUES (i); END FOR; END',
  'CREATE PROCEDURE reserve() outer_block: BEGIN IF (SELECT COUNT(*) FROM stock) = 0 THEN LEAVE outer_block; END IF; (SELECT 1) UNION (SELECT 2); END',
];

/** Each mistake made in one of the bodies above: [body, written, misspelled]. */
const MISTAKES: [string, string, string][] = [
  [TRIGGER, 'UPDATE stock SET note', 'UPDAET stock SET note'],
  [TRIGGER, 'SET note = CASE', 'SETT note = CASE'],
  [TRIGGER, '     WHERE item_id = NEW.item_id', '     WHEREE item_id = NEW.item_id'],
  [TRIGGER, 'INSERT INTO audit', 'INSERT INTOO audit'],
  [PROCEDURE, 'UPDATE stock SET reserved', 'UPDTE stock SET reserved'],
  [PROCEDURE, 'WHEN 0 THEN DELETE FROM', 'WHEN 0 THEN DELETE FORM'],
  [PROCEDURE, 'ELSE REPLACE INTO', 'ELSE REPLACEE INTO'],
  [PROCEDURE, '        SIGNAL SQLSTATE', '        SIGNALL SQLSTATE'],
  [PROCEDURE, 'FETCH cur INTO', 'FECTH cur INTO'],
  [FUNCTION, 'RETURN COALESCE', 'RETRUN COALESCE'],
];

/** The file a migration would hold: the mysql client needs DELIMITER around a BEGIN … END body. */
const migration = (sql: string) => `${SETUP.join(';\n')};\nDELIMITER $$\n${sql}$$\nDELIMITER ;\n`;

describe('trigger and routine bodies agree with MariaDB', { skip: server.skip }, () => {
  const database = scratchDatabase(server.url, 'routine_bodies');
  const serverSays = async (sql: string) => {
    for (const drop of DROP_ROUTINES) await database.connection().query(drop);
    return serverRefusal(database.connection(), TABLES, SETUP, sql);
  };
  const syntaxErrors = (sql: string) => findingsOf(checkSql(migration(sql), 'mariadb'), SYNTAX_ERROR_RULE);

  for (const sql of VALID) {
    test(`MariaDB creates it, and no syntax error: ${sql.split('\n')[0]}`, async () => {
      assert.equal(await serverSays(sql), undefined);
      assert.deepEqual(syntaxErrors(sql), []);
      assert.deepEqual(findingsOf(checkSql(migration(sql), 'mysql'), SYNTAX_ERROR_RULE), [], 'MySQL takes these bodies too');
    });
  }
  for (const [body, written, misspelled] of MISTAKES) {
    test(`MariaDB refuses it, and the error is where MariaDB stops: ${misspelled.trim()}`, async () => {
      assert.ok(body.includes(written), `${written} is not in the body`);
      const sql = body.replace(written, misspelled);
      const refusal = await serverSays(sql);
      assert.ok(refusal, 'MariaDB created it');
      const errors = syntaxErrors(sql);
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.equal(errors[0].severity, 'error');
      // The error is on the mistake's line, at the misspelled word or a later word of its
      // statement: the server names the word after an unknown one ("… near 'stock SET …'"),
      // the grammar may stop a word later than the server.
      const lines = migration(sql).split('\n');
      const { start, end } = errors[0].range;
      const line = lines[start.line];
      const misspelledAt = line.indexOf(misspelled.trim().split(/\s+/).find((word, i) => word !== written.trim().split(/\s+/)[i])!);
      assert.ok(misspelledAt >= 0 && start.character >= misspelledAt, `marked "${line.slice(start.character, end.character)}" on "${line.trim()}"; the server: ${refusal}`);
    });
  }
});
