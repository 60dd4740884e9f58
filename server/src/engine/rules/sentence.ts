// Messages often open with a phrase written to follow a colon elsewhere (a transaction mode's
// reason, an object kind). Opening a sentence, it is capitalised — except a tool whose name is
// written in lower case by its authors: "golang-migrate sends…", never "Golang-migrate sends…".

const LOWER_CASE_NAME = /^(golang-migrate|goose|dbmate|sql-migrate|node-pg-migrate)\b/;

export function sentenceCase(phrase: string): string {
  if (LOWER_CASE_NAME.test(phrase)) return phrase;
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}
