// Builds the parity fixtures for HuggingFaceTokenizer with the real Hugging Face tokenizers library
// (the Rust crate, through its npm binding). See README.md next to this file for how to run it.
//
// Writes, next to this script:
//   llama-bpe/tokenizer.json        Llama/SentencePiece-style BPE (byte_fallback, Prepend+Replace normalizer)
//   metaspace-bpe/tokenizer.json    the same vocabulary behind a Metaspace pre-tokenizer
//   bytelevel-bpe/tokenizer.json    256 GPT-2 byte tokens + merges + <|endoftext|> (the built-in model's style)
//   split-bytelevel-bpe/tokenizer.json  the same behind Qwen2's Sequence[Split regex, ByteLevel] pre-tokenizer
//   fixtures/<name>.json            [{ text, ids, decoded? }] from the HF library, for each of those and gpt2
//                                   (decoded only where HF's decode(ids) differs from text)
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(process.env.HF_TOKENIZERS_DIR ? join(process.env.HF_TOKENIZERS_DIR, 'x.js') : import.meta.url);
const { Tokenizer } = require('@anush008/tokenizers');

const shared = join(here, '..', '..', '..', '..', 'shared');
const gpt2Path = join(shared, 'models', 'tiny-random-gpt2', 'tokenizer.json');
const humanEval = gunzipSync(readFileSync(join(shared, 'datasets', 'humaneval', 'HumanEval.jsonl.gz')))
  .toString('utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l));

// Hand-written strings for the cases HumanEval does not reach.
const extras = [
  '',
  ' ',
  '   ',
  '\t',
  '\n',
  '\n\n\n',
  'x',
  'def f(x):\n\treturn x\n',
  'if a:\n\t    b = 1\n    \tc = 2\n\t\td = 3\n',
  'class A:\r\n    pass\r\n',
  'a  b   c    d     e      f       g        h',
  '        \n        \n\n    return',
  'x = 1      # trailing spaces      ',
  'café naïve résumé Ångström',
  'e\u0301 a\u0300 n\u0303 (combining marks)',
  '中文字符 日本語のテキスト 한국어',
  'emoji 🎉🚀 family 👨‍👩‍👧 flag 🇩🇪 skin 👍🏽',
  '𝑥 + 𝑦 = a𝑧',
  'tab\there\ttoo\t\t\tend',
  '<|endoftext|>',
  'before<|endoftext|>after',
  '<|endoftext|><|endoftext|>',
  'x <|endoftext|> y',
  '<s>hello</s>',
  ' <unk> ',
  'a<fim_middle>b',
  'x <fim_middle> y',
  'ALL CAPS and MiXeD CaSe',
  "it's we've they'll I'm he'd",
  '0123456789 3.14159 -42 1e-10 0xFF',
  '!@#$%^&*()_+-=[]{}|;:\'",.<>/?`~\\',
  '\u00a0non-breaking\u2003em-space\u200bzero-width',
  '    '.repeat(20) + 'deep',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  'def add(a: int, b: int) -> int:\n    """Return a + b."""\n    return a + b\n',
];

const texts = [...extras];
for (const p of humanEval) texts.push(p.prompt, p.canonical_solution);

// ---- A tiny BPE learner, only to make small vocabularies; the HF library defines the ids. ----
function learnMerges(words, count) {
  // words: Map<string[] (joined by \u0001), frequency>
  let seqs = [...words].map(([w, f]) => ({ s: w.split('\u0001'), f }));
  const merges = [];
  for (let m = 0; m < count; m++) {
    const pairs = new Map();
    for (const { s, f } of seqs)
      for (let i = 0; i + 1 < s.length; i++) {
        const k = s[i] + '\u0001' + s[i + 1];
        pairs.set(k, (pairs.get(k) ?? 0) + f);
      }
    let best = null, bestF = 1;
    for (const [k, f] of pairs) if (f > bestF || (f === bestF && best !== null && k < best)) { best = k; bestF = f; }
    if (best === null) break;
    const [a, b] = best.split('\u0001');
    merges.push([a, b]);
    for (const q of seqs) {
      const out = [];
      for (let i = 0; i < q.s.length; i++) {
        if (i + 1 < q.s.length && q.s[i] === a && q.s[i + 1] === b) { out.push(a + b); i++; } else out.push(q.s[i]);
      }
      q.s = out;
    }
  }
  return merges;
}

const corpus = humanEval.slice(0, 80).map(p => p.prompt + p.canonical_solution);

// GPT-2's byte-to-unicode map: printable bytes map to themselves, the rest to U+0100 onwards.
function bytesToUnicode() {
  const bs = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) if (!bs.includes(b)) { bs.push(b); cs.push(256 + n); n++; }
  const map = new Array(256);
  bs.forEach((b, i) => { map[b] = String.fromCodePoint(cs[i]); });
  return map;
}

function byteLevelTokenizer() {
  const map = bytesToUnicode();
  const vocab = {};
  for (let b = 0; b < 256; b++) vocab[map[b]] = b;
  const gpt2Split = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
  const words = new Map();
  for (const text of corpus)
    for (const w of text.match(gpt2Split) ?? []) {
      const k = [...Buffer.from(w, 'utf8')].map(b => map[b]).join('\u0001');
      words.set(k, (words.get(k) ?? 0) + 1);
    }
  const merges = learnMerges(words, 400);
  for (const [a, b] of merges) if (!(a + b in vocab)) vocab[a + b] = Object.keys(vocab).length;
  const eos = Object.keys(vocab).length;
  return {
    version: '1.0', truncation: null, padding: null,
    added_tokens: [{ id: eos, content: '<|endoftext|>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: null,
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null,
      fuse_unk: false, byte_fallback: false, vocab, merges: merges.map(([a, b]) => `${a} ${b}`) },
  };
}

function sentencePieceVocab() {
  const vocab = { '<unk>': 0, '<s>': 1, '</s>': 2 };
  for (let b = 0; b < 256; b++) vocab[`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`] = 3 + b;
  const charCounts = new Map();
  const words = new Map();
  for (const text of corpus) {
    const norm = '▁' + text.replaceAll(' ', '▁');
    for (const ch of norm) charCounts.set(ch, (charCounts.get(ch) ?? 0) + 1);
    // Learn on ▁-prefixed words and on runs of ▁ (indentation), as SentencePiece would see them.
    for (const w of norm.match(/▁+|▁?[^▁]+/gu) ?? []) {
      const k = [...w].join('\u0001');
      words.set(k, (words.get(k) ?? 0) + 1);
    }
  }
  // Rare characters stay out of the vocabulary so that byte_fallback has work to do.
  for (const [ch, n] of [...charCounts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)))
    if (n >= 3 && !(ch in vocab)) vocab[ch] = Object.keys(vocab).length;
  const merges = learnMerges(words, 400).filter(([a, b]) => a in vocab && b in vocab);
  for (const [a, b] of merges) if (!(a + b in vocab)) vocab[a + b] = Object.keys(vocab).length;
  return { vocab, merges };
}

const special = (id, content) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
const spModel = ({ vocab, merges }) => ({ type: 'BPE', dropout: null, unk_token: '<unk>', continuing_subword_prefix: null,
  end_of_word_suffix: null, fuse_unk: true, byte_fallback: true, ignore_merges: false, vocab, merges });

function llamaTokenizer(sp) {
  const fim = Object.keys(sp.vocab).length;
  return {
    version: '1.0', truncation: null, padding: null,
    added_tokens: [special(0, '<unk>'), special(1, '<s>'), special(2, '</s>'),
      { id: fim, content: '<fim_middle>', single_word: false, lstrip: false, rstrip: false, normalized: true, special: false }],
    normalizer: { type: 'Sequence', normalizers: [{ type: 'Prepend', prepend: '▁' }, { type: 'Replace', pattern: { String: ' ' }, content: '▁' }] },
    pre_tokenizer: null,
    post_processor: null,
    decoder: { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { String: '▁' }, content: ' ' },
      { type: 'ByteFallback' }, { type: 'Fuse' }, { type: 'Strip', content: ' ', start: 1, stop: 0 }] },
    // Newer HF versions write merges as pairs; keep that form here (gpt2 and bytelevel use "a b").
    model: spModel(sp),
  };
}

function metaspaceTokenizer(sp) {
  return {
    version: '1.0', truncation: null, padding: null,
    added_tokens: [special(0, '<unk>'), special(1, '<s>'), special(2, '</s>')],
    normalizer: null,
    pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'first', split: false },
    post_processor: null,
    decoder: { type: 'Sequence', decoders: [{ type: 'ByteFallback' }, { type: 'Metaspace', replacement: '▁', prepend_scheme: 'first', split: false }] },
    model: spModel(sp),
  };
}

function save(rel, obj) {
  mkdirSync(dirname(join(here, rel)), { recursive: true });
  writeFileSync(join(here, rel), JSON.stringify(obj) + '\n');
}

// Qwen2/StarCoder2-style: the same byte-level vocabulary behind Sequence[Split(regex), ByteLevel(no regex)].
function splitByteLevelTokenizer(byteLevel) {
  const qwen2 = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
  return { ...byteLevel, pre_tokenizer: { type: 'Sequence', pretokenizers: [
    { type: 'Split', pattern: { Regex: qwen2 }, behavior: 'Isolated', invert: false },
    { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false }] } };
}

const sp = sentencePieceVocab();
const made = {
  'llama-bpe': llamaTokenizer(sp),
  'metaspace-bpe': metaspaceTokenizer(sp),
  'bytelevel-bpe': byteLevelTokenizer(),
};
made['split-bytelevel-bpe'] = splitByteLevelTokenizer(made['bytelevel-bpe']);
for (const [name, json] of Object.entries(made)) save(`${name}/tokenizer.json`, json);
// Eos ids come from these files in EnergyGate, as they do for real model folders.
save('llama-bpe/tokenizer_config.json', { bos_token: '<s>', eos_token: '</s>', add_bos_token: true });
save('llama-bpe/generation_config.json', { bos_token_id: 1, eos_token_id: [2, Object.keys(sp.vocab).length] });
save('bytelevel-bpe/config.json', { eos_token_id: made['bytelevel-bpe'].added_tokens[0].id });

const sources = { gpt2: gpt2Path };
for (const name of Object.keys(made)) sources[name] = join(here, name, 'tokenizer.json');
for (const [name, file] of Object.entries(sources)) {
  const tok = Tokenizer.fromFile(file);
  const rows = [];
  for (const text of texts) {
    const ids = (await tok.encode(text, null, { addSpecialTokens: false })).getIds();
    // HF's decode of the ids, kept only where it differs from the text (special tokens, Strip, ...).
    const decoded = await tok.decode(ids, false);
    rows.push(decoded === text ? { text, ids } : { text, ids, decoded });
  }
  writeFileSync(join(here, 'fixtures', `${name}.json`), '[\n' + rows.map(r => JSON.stringify(r)).join(',\n') + '\n]\n');
  console.log(`${name}: ${rows.length} strings, ${rows.reduce((n, r) => n + r.ids.length, 0)} ids`);
}
