// Writes the content files the CMS edits exactly as Decap CMS 3.x writes them
// (packages/decap-cms-core/src/formats/yaml.ts and frontmatter.ts): the same
// `yaml` release (1.10, pinned in package.json as Decap pins it), its default
// options (80-character lines), the top-level keys in the order of the
// collection's fields in theme/admin/config.yml, the fields' `comment`s, and
// gray-matter's front matter layout. A file already in that form is left as is.
//
//   node tools/cms_canonical.mjs [--check] [--root DIR] [FILE...]
//
// Without FILE, every file of the collections in theme/admin/config.yml.
// --check: write nothing, list the files that are not in canonical form.
// A `#` comment the CMS would drop is refused (the file is named), never lost.
// Exit status: 0 done (or all canonical), 1 a file refused or not canonical.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

// Decap's own tag for ISO timestamps (formats/yaml.ts).
const timestampTag = {
  identify: value => value instanceof Date,
  default: true,
  tag: '!timestamp',
  test: RegExp(
    '^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2}(\\.[0-9]+)?)Z$',
  ),
  resolve: str => new Date(str),
  stringify: value => value.toISOString(),
};

// formats/helpers.ts
function sortKeys(sortedKeys, selector) {
  return (a, b) => {
    const idxA = sortedKeys.indexOf(selector(a));
    const idxB = sortedKeys.indexOf(selector(b));
    if (idxA === -1 || idxB === -1) return 0;
    if (idxA > idxB) return 1;
    if (idxA < idxB) return -1;
    return 0;
  };
}

function addComments(items, comments, prefix = '') {
  for (const item of items) {
    if (item.key === undefined) continue;
    const key = prefix ? `${prefix}.${item.key.toString()}` : item.key.toString();
    if (comments[key]) item.commentBefore = ` ${comments[key].split('\\n').join('\n ')}`;
    if (item.value && item.value.items) addComments(item.value.items, comments, key);
  }
}

function yamlFromFile(content) {
  if (content && content.trim().endsWith('---')) content = content.trim().slice(0, -3);
  return YAML.parse(content, { customTags: [timestampTag] });
}

function yamlToFile(data, sortedKeys, comments) {
  const contents = YAML.createNode(data);
  addComments(contents.items, comments);
  contents.items.sort(sortKeys(sortedKeys, item => item.key?.toString()));
  const doc = new YAML.Document();
  doc.contents = contents;
  return doc.toString();
}

// gray-matter's parse and stringify, as Decap's frontmatter format calls them.
function splitFrontmatter(text) {
  if (!text.startsWith('---')) return { matter: '', body: text };
  const rest = text.slice(3);
  let close = rest.indexOf('\n---');
  if (close === -1) close = rest.length;
  let body = close === rest.length ? '' : rest.slice(close + 4);
  if (body[0] === '\r') body = body.slice(1);
  if (body[0] === '\n') body = body.slice(1);
  return { matter: rest.slice(0, close), body };
}

const newline = str => (str.slice(-1) !== '\n' ? `${str}\n` : str);

function frontmatterToFile(data, sortedKeys, comments) {
  const { body = '', ...meta } = data;
  const matter = yamlToFile(meta, sortedKeys, comments).trim();
  const file = (matter !== '{}' ? `---\n${newline(matter)}---\n` : '') + newline(body);
  return body.slice(-1) !== '\n' && file.slice(-1) === '\n' ? file.slice(0, -1) : file;
}

function fieldComments(fields, prefix = '') {
  const comments = {};
  for (const field of fields || []) {
    const name = prefix ? `${prefix}.${field.name}` : field.name;
    if (field.comment) comments[name] = field.comment;
    if (field.widget === 'object') Object.assign(comments, fieldComments(field.fields, name));
  }
  return comments;
}

// Every comment of a parsed YAML document, in document order.
function commentsOf(node, found = []) {
  if (!node || typeof node !== 'object') return found;
  for (const text of [node.commentBefore, node.comment]) {
    if (text) found.push(...text.split('\n'));
  }
  if (node.contents) commentsOf(node.contents, found);
  for (const item of node.items || []) commentsOf(item, found);
  if ('key' in node) commentsOf(node.key, found);
  if ('value' in node) commentsOf(node.value, found);
  return found;
}

// The collections' files: [{ file, format, fields }], paths relative to root.
function editedFiles(root, config) {
  const files = [];
  for (const collection of config.collections) {
    if (collection.files) {
      for (const entry of collection.files) {
        const format = entry.file.endsWith('.md') ? 'frontmatter' : 'yaml';
        files.push({ file: entry.file, format, fields: entry.fields });
      }
      continue;
    }
    const folder = path.join(root, collection.folder);
    const extension = `.${collection.extension || 'md'}`;
    const format = collection.format || (extension === '.md' ? 'frontmatter' : 'yaml');
    for (const name of fs.existsSync(folder) ? fs.readdirSync(folder).sort() : []) {
      if (name.endsWith(extension)) {
        files.push({ file: path.join(collection.folder, name), format, fields: collection.fields });
      }
    }
  }
  return files;
}

class Refused extends Error {}

function canonical(text, { file, format, fields }) {
  const comments = fieldComments(fields);
  const matter = format === 'yaml' ? text : splitFrontmatter(text).matter;
  const document = YAML.parseDocument(matter, { prettyErrors: true });
  if (document.errors.length) {
    const [error] = document.errors;
    const line = error.linePos ? error.linePos.start.line + (format === 'yaml' ? 0 : 1) : 0;
    const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new Refused(`${file}${line ? `:${line}` : ''}: not valid YAML: ${message}`);
  }
  const written = new Set(Object.values(comments).map(comment => ` ${comment}`));
  for (const comment of commentsOf(document)) {
    if (written.has(comment)) continue;
    const line = text.split('\n').findIndex(l => l.trimEnd().endsWith(`#${comment}`.trimEnd())) + 1;
    throw new Refused(
      `${file}${line ? `:${line}` : ''}: a # comment, which the CMS would drop on the next save:` +
        ' move what it says into the note field (or delete it) and run again',
    );
  }
  const order = (fields || []).map(field => field.name);
  if (format === 'yaml') return yamlToFile(yamlFromFile(text), order, comments);
  const { body } = splitFrontmatter(text);
  const data = { ...yamlFromFile(splitFrontmatter(text).matter), ...(body.trim() && { body }) };
  return frontmatterToFile(data, order, comments);
}

function main(argv) {
  let root = process.cwd();
  let check = false;
  const only = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--check') check = true;
    else if (argv[i] === '--root') root = argv[++i];
    else only.push(path.relative(root, path.resolve(argv[i])));
  }
  const config = YAML.parse(fs.readFileSync(path.join(root, 'theme/admin/config.yml'), 'utf8'));
  let files = editedFiles(root, config);
  if (only.length) files = files.filter(entry => only.includes(entry.file));
  let failed = false;
  for (const entry of files) {
    const target = path.join(root, entry.file);
    if (!fs.existsSync(target)) continue;
    const text = fs.readFileSync(target, 'utf8');
    let result;
    try {
      result = canonical(text, entry);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      console.error(error.message);
      failed = true;
      continue;
    }
    if (result === text) continue;
    if (check) {
      console.log(`${entry.file}: not in the form the CMS writes (make cms-canonical)`);
      failed = true;
    } else {
      fs.writeFileSync(target, result);
      console.log(`${entry.file}: rewritten as the CMS writes it`);
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
