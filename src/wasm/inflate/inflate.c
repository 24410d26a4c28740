/*
 * A streaming gzip / DEFLATE decoder (RFC 1951, RFC 1952) for WebAssembly.
 *
 * One instance of the module is one decoder: all state lives in static memory, so a caller
 * makes another instance for another stream. The caller copies compressed bytes into `in_buf`
 * and reads output out of `out_buf`, whose first 32 KiB hold the window (the last output), so
 * back-references never wrap and a block boundary's window is one contiguous range.
 *
 * Design (after libdeflate's decoder; no code taken from it): table-driven Huffman decoding
 * with a main table indexed by the next TB bits and subtables for longer codewords; a 64-bit
 * bit buffer refilled by one unaligned 8-byte load; a fast loop that runs while at least 8
 * input bytes and a whole match's room of output remain, copying matches 8 bytes at a time;
 * and a careful slow path near the ends that can stop in the middle of a block (between two
 * symbols, or inside a match or stored block) and carry on when more input or room comes.
 */
#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(#name)))

#define WIN 32768u
#define IN_CAP (256u * 1024u)
#define IN_SLACK 16u
#define OUT_CAP (256u * 1024u)
#define OUT_SLACK 512u

static uint8_t in_buf[IN_CAP + IN_SLACK];
static uint8_t out_buf[WIN + OUT_CAP + OUT_SLACK];

/*
 * Table entries: bits 0-7 the bits to consume (codeword bits at this level plus extra bits, so
 * one shift takes a length or distance whole; a subtable pointer's are the main table's bits),
 * bits 8-11 the codeword bits at this level (a pointer's: its subtable's bits), 12-14 flags,
 * 16-30 the value (literal, length or distance base, subtable offset), bit 31 "literal" (so a
 * sign test finds the commonest case).
 */
#define F_EOB 0x1000u
#define F_SUB 0x2000u
#define F_BAD 0x4000u
#define F_LIT 0x80000000u
#define CW_BITS(e) (((e) >> 8) & 15)
#define ALL_BITS(e) ((e) & 0xff)

#define LIT_TB 11
#define DIST_TB 8
#define PRE_TB 7
#define LIT_TABLE (2048 + 2400)
#define DIST_TABLE (256 + 2048)

static uint32_t dyn_lit[LIT_TABLE];
static uint32_t dyn_dist[DIST_TABLE];
static uint32_t fix_lit[LIT_TABLE];
static uint32_t fix_dist[DIST_TABLE];
static uint32_t pre_table[1 << PRE_TB];
static const uint32_t *lit_t;
static const uint32_t *dist_t;

static uint32_t lit_tmpl[288];
static uint32_t dist_tmpl[32];
static uint32_t pre_tmpl[19];
static int ready;

static const uint16_t len_base[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                      31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {1,    2,    3,    4,    5,    7,     9,     13,    17,  25,
                                       33,   49,   65,   97,   129,  193,   257,   385,   513, 769,
                                       1025, 1537, 2049, 3073, 4097, 6145,  8193,  12289, 16385,
                                       24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3,  3,  4,  4,  5,  5,  6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
static const uint8_t pre_order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

/* Results of run(). Negative values are errors (the wrapper names them). */
enum {
  R_NEED_INPUT = 0, /* all input used; more is needed (or, after the last, the stream is cut) */
  R_OUTPUT = 1,     /* the output limit was reached */
  R_BLOCK = 2,      /* at a deflate block boundary inside a member (checkpoints asked for) */
  R_MEMBER = 3,     /* at the first byte of a gzip member after the first (checkpoints asked for) */
  R_DONE = 4,       /* the input ended cleanly after a member (and any zero padding) */
};
enum {
  E_HEADER = -1,     /* incorrect header check */
  E_METHOD = -2,     /* unknown compression method */
  E_FLAGS = -3,      /* unknown header flags set */
  E_BTYPE = -4,      /* invalid block type */
  E_STORED = -5,     /* invalid stored block lengths */
  E_COUNTS = -6,     /* too many length or distance symbols */
  E_PRECODE = -7,    /* invalid code lengths set */
  E_REPEAT = -8,     /* invalid bit length repeat */
  E_LITSET = -9,     /* invalid literal/lengths set */
  E_DISTSET = -10,   /* invalid distances set */
  E_NOEOB = -11,     /* invalid code -- missing end-of-block */
  E_LITCODE = -12,   /* invalid literal/length code */
  E_DISTCODE = -13,  /* invalid distance code */
  E_FAR = -14,       /* invalid distance too far back */
  E_CRC = -15,       /* incorrect data check */
  E_LENGTH = -16,    /* incorrect length check */
  E_GARBAGE = -17,   /* bytes after a member that are not a gzip header */
};

enum { S_GZHDR, S_BLOCK, S_STORED_HDR, S_STORED, S_HUFF, S_TRAILER, S_BETWEEN, S_PADDING, S_END };
enum { H_MAGIC1, H_MAGIC2, H_METHOD, H_FLAGS, H_SKIP6, H_XLEN, H_EXTRA, H_NAME, H_COMMENT, H_HCRC, H_DONE };

static struct {
  int state;
  int hstep;      /* gzip header step */
  uint32_t hleft; /* bytes left in the current header step */
  uint32_t xlen;
  int hflags;
  uint64_t bitbuf;
  uint32_t bitsleft;
  uint32_t skip_bits;
  uint32_t in_pos, in_end;
  int in_final;
  uint32_t out_pos, out_read, crc_mark, valid_start;
  int last_block;
  uint32_t stored_left;
  uint32_t match_left, match_dist;
  uint32_t crc, isize;
  int check; /* the member's CRC and size are known from its start */
  int member_told;
} s;

/*
 * ---- CRC-32 (sixteen braided registers, by nibble look-ups in SIMD) ----
 *
 * The CRC is linear over GF(2): the register after some data is the XOR of what each piece of
 * it alone would leave there, and a piece's share carried past k zero bytes is that share
 * advanced k times through zeros. So the data can be split into 16 interleaved streams of
 * 4-byte words (word i of each 64-byte block to stream i), each with its own register that,
 * after one of its words, lands where its next word starts, 64 bytes on (the other streams'
 * words count as zeros there). A register's next value is then a fixed linear function of
 * (its word XOR the register), the XOR of what each of the word's eight nibbles gives: a
 * 16-entry table per nibble and output byte, the size of one i8x16.swizzle. The sixteen
 * registers are kept as four vectors of their bytes (vector b: byte b of every register), so
 * one swizzle looks up one nibble of all sixteen words: 32 swizzles per 64 bytes, where byte
 * tables need 64 look-ups one at a time. At the end the registers are folded in one after
 * another, a word at a time, through byte tables.
 */
#include <wasm_simd128.h>

/* crc_byte[k][v]: the register 4 - k bytes after a byte v at offset k of a word (at its end);
 * crc_byte[3] is the byte-at-a-time table. */
static uint32_t crc_byte[4][256];
/* crc_nib[q][b][v]: byte b of what nibble q (bits 4q..4q+3) = v of a word leaves in its
 * stream's register 64 bytes on. */
static uint8_t crc_nib[8][4][16] __attribute__((aligned(16)));

static uint32_t load32(const uint8_t *p) {
  uint32_t v;
  __builtin_memcpy(&v, p, 4);
  return v;
}

static uint64_t load64(const uint8_t *p) {
  uint64_t v;
  __builtin_memcpy(&v, p, 8);
  return v;
}

static void store64(uint8_t *p, uint64_t v) { __builtin_memcpy(p, &v, 8); }

/* The register 4 bytes on, after word x (the register already XORed in). */
static inline uint32_t crc_word(uint32_t x) {
  return crc_byte[0][x & 0xff] ^ crc_byte[1][(x >> 8) & 0xff] ^ crc_byte[2][(x >> 16) & 0xff] ^
         crc_byte[3][x >> 24];
}

static void crc_init(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    crc_byte[3][i] = c;
  }
  /* One zero byte more for each step towards the word's start. */
  for (int k = 3; k > 0; k--)
    for (uint32_t i = 0; i < 256; i++)
      crc_byte[k - 1][i] = (crc_byte[k][i] >> 8) ^ crc_byte[3][crc_byte[k][i] & 0xff];
  /* A nibble's share at its word's end, then through 15 words of zeros (a register alone,
   * moved on by a zero word, is crc_word of the register). */
  for (int q = 0; q < 8; q++)
    for (uint32_t v = 0; v < 16; v++) {
      uint32_t c = crc_word(v << (4 * q));
      for (int w = 1; w < 16; w++) c = crc_word(c);
      for (int b = 0; b < 4; b++) crc_nib[q][b][v] = (uint8_t)(c >> (8 * b));
    }
}

/* 64 bytes as four vectors of their words' bytes: vector b holds byte b of words 0..15. */
#define WORD_BYTES(v) wasm_i8x16_shuffle(v, v, 0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15)

static uint32_t crc_update(uint32_t crc, const uint8_t *p, uint32_t n) {
  uint32_t c = ~crc;
  if (n >= 2 * 64) {
    /* All blocks but the last through the braid; the last folds the registers together. */
    uint32_t blocks = n / 64 - 1;
    n -= blocks * 64;
    /* The registers' bytes: the running CRC is stream 0's, the others start at zero. */
    v128_t r0 = wasm_i32x4_make((int32_t)(c & 0xff), 0, 0, 0);
    v128_t r1 = wasm_i32x4_make((int32_t)((c >> 8) & 0xff), 0, 0, 0);
    v128_t r2 = wasm_i32x4_make((int32_t)((c >> 16) & 0xff), 0, 0, 0);
    v128_t r3 = wasm_i32x4_make((int32_t)(c >> 24), 0, 0, 0);
    const v128_t low = wasm_i8x16_splat(0x0f);
    do {
      v128_t a = WORD_BYTES(wasm_v128_load(p)), b = WORD_BYTES(wasm_v128_load(p + 16));
      v128_t d = WORD_BYTES(wasm_v128_load(p + 32)), e = WORD_BYTES(wasm_v128_load(p + 48));
      v128_t ab01 = wasm_i32x4_shuffle(a, b, 0, 4, 1, 5), ab23 = wasm_i32x4_shuffle(a, b, 2, 6, 3, 7);
      v128_t de01 = wasm_i32x4_shuffle(d, e, 0, 4, 1, 5), de23 = wasm_i32x4_shuffle(d, e, 2, 6, 3, 7);
      v128_t x0 = wasm_i32x4_shuffle(ab01, de01, 0, 1, 4, 5) ^ r0;
      v128_t x1 = wasm_i32x4_shuffle(ab01, de01, 2, 3, 6, 7) ^ r1;
      v128_t x2 = wasm_i32x4_shuffle(ab23, de23, 0, 1, 4, 5) ^ r2;
      v128_t x3 = wasm_i32x4_shuffle(ab23, de23, 2, 3, 6, 7) ^ r3;
      const v128_t nib[8] = {x0 & low, wasm_u8x16_shr(x0, 4), x1 & low, wasm_u8x16_shr(x1, 4),
                             x2 & low, wasm_u8x16_shr(x2, 4), x3 & low, wasm_u8x16_shr(x3, 4)};
      v128_t out[4];
      for (int k = 0; k < 4; k++) {
        v128_t acc = wasm_i8x16_swizzle(wasm_v128_load(crc_nib[0][k]), nib[0]);
        for (int q = 1; q < 8; q++) acc ^= wasm_i8x16_swizzle(wasm_v128_load(crc_nib[q][k]), nib[q]);
        out[k] = acc;
      }
      r0 = out[0];
      r1 = out[1];
      r2 = out[2];
      r3 = out[3];
      p += 64;
    } while (--blocks);
    uint8_t regs[4][16];
    wasm_v128_store(regs[0], r0);
    wasm_v128_store(regs[1], r1);
    wasm_v128_store(regs[2], r2);
    wasm_v128_store(regs[3], r3);
    c = 0;
    for (int j = 0; j < 16; j++) {
      uint32_t r = regs[0][j] | (uint32_t)regs[1][j] << 8 | (uint32_t)regs[2][j] << 16 |
                   (uint32_t)regs[3][j] << 24;
      c = crc_word(load32(p + 4 * j) ^ r ^ c);
    }
    p += 64;
    n -= 64;
  }
  for (; n >= 4; n -= 4, p += 4) c = crc_word(load32(p) ^ c);
  while (n--) c = crc_byte[3][(c ^ *p++) & 0xff] ^ (c >> 8);
  return ~c;
}

/* ---- Huffman tables ---- */

static uint32_t reverse(uint32_t code, uint32_t len) {
  uint32_t r = 0;
  for (uint32_t i = 0; i < len; i++, code >>= 1) r = (r << 1) | (code & 1);
  return r;
}

/*
 * Build a decode table for `n` code lengths. Entries come from `tmpl` (per symbol) plus the
 * codeword length. Over-subscribed sets fail; incomplete ones fail unless `incomplete_ok` and
 * the only codeword is one bit long (or there are none), as zlib allows for a lone code.
 */
static int build(uint32_t *table, int tb, const uint8_t *lens, int n, const uint32_t *tmpl,
                 int incomplete_ok) {
  uint16_t count[16] = {0}, offs[16];
  uint16_t sorted[288];
  for (int i = 0; i < n; i++) count[lens[i]]++;
  count[0] = 0;
  int left = 1, maxlen = 0;
  for (int l = 1; l <= 15; l++) {
    left = (left << 1) - count[l];
    if (left < 0) return -1;
    if (count[l]) maxlen = l;
  }
  if (left > 0 && !(incomplete_ok && maxlen <= 1)) return -1;
  offs[1] = 0;
  for (int l = 1; l < 15; l++) offs[l + 1] = offs[l] + count[l];
  for (int i = 0; i < n; i++)
    if (lens[i]) sorted[offs[lens[i]]++] = (uint16_t)i;
  int total = offs[15];
  uint32_t size = 1u << tb;
  /* Slots no codeword reaches (only in an incomplete set) decode as an error after one bit. */
  for (uint32_t i = 0; i < size; i++) table[i] = F_BAD | 0x101;
  uint32_t code = 0, next_sub = size;
  int cur_len = total ? lens[sorted[0]] : 0;
  int group_end = -1;
  uint32_t sub_off = 0, sub_bits = 0, group_prefix = 0;
  for (int k = 0; k < total; k++) {
    int sym = sorted[k];
    int l = lens[sym];
    if (l > cur_len) {
      code <<= l - cur_len;
      cur_len = l;
    }
    uint32_t rev = reverse(code, l);
    if (l <= tb) {
      uint32_t e = tmpl[sym] + ((uint32_t)l << 8) + (uint32_t)l;
      for (uint32_t i = rev; i < size; i += 1u << l) table[i] = e;
    } else {
      uint32_t prefix = code >> (l - tb);
      if (k > group_end || prefix != group_prefix) {
        /* A new subtable: as wide as the longest codeword sharing this prefix (the last one). */
        int j = k;
        uint32_t c = code;
        int cl = l;
        for (;;) {
          if (j + 1 >= total) break;
          int nl = lens[sorted[j + 1]];
          uint32_t nc = (c + 1) << (nl - cl);
          if ((nc >> (nl - tb)) != prefix) break;
          j++;
          c = nc;
          cl = nl;
        }
        group_end = j;
        group_prefix = prefix;
        sub_bits = (uint32_t)cl - (uint32_t)tb;
        sub_off = next_sub;
        next_sub += 1u << sub_bits;
        table[reverse(prefix, (uint32_t)tb)] = F_SUB | (sub_off << 16) | (sub_bits << 8) | (uint32_t)tb;
      }
      uint32_t sl = (uint32_t)l - (uint32_t)tb;
      uint32_t e = tmpl[sym] + (sl << 8) + sl;
      for (uint32_t i = rev >> tb; i < (1u << sub_bits); i += 1u << sl) table[sub_off + i] = e;
    }
    code++;
  }
  return 0;
}

static void tables_init(void) {
  for (int i = 0; i < 256; i++) lit_tmpl[i] = F_LIT | ((uint32_t)i << 16);
  lit_tmpl[256] = F_EOB;
  for (int i = 0; i < 29; i++) lit_tmpl[257 + i] = ((uint32_t)len_base[i] << 16) | len_extra[i];
  lit_tmpl[286] = lit_tmpl[287] = F_BAD;
  for (int i = 0; i < 30; i++) dist_tmpl[i] = ((uint32_t)dist_base[i] << 16) | dist_extra[i];
  dist_tmpl[30] = dist_tmpl[31] = F_BAD;
  for (int i = 0; i < 19; i++) pre_tmpl[i] = (uint32_t)i << 16;
  uint8_t lens[288];
  for (int i = 0; i < 144; i++) lens[i] = 8;
  for (int i = 144; i < 256; i++) lens[i] = 9;
  for (int i = 256; i < 280; i++) lens[i] = 7;
  for (int i = 280; i < 288; i++) lens[i] = 8;
  build(fix_lit, LIT_TB, lens, 288, lit_tmpl, 0);
  for (int i = 0; i < 32; i++) lens[i] = 5;
  build(fix_dist, DIST_TB, lens, 32, dist_tmpl, 0);
}

/* ---- bits (slow path: bytes one at a time, bitbuf clean above bitsleft) ---- */

static void pull_bytes(void) {
  while (s.bitsleft <= 48 && s.in_pos < s.in_end) {
    s.bitbuf |= (uint64_t)in_buf[s.in_pos++] << s.bitsleft;
    s.bitsleft += 8;
  }
}

/* Hand whole unused bytes back to the input, so bitsleft < 8 and in_pos is exact. */
static void give_back(void) {
  s.in_pos -= s.bitsleft >> 3;
  s.bitsleft &= 7;
  s.bitbuf &= ((uint64_t)1 << s.bitsleft) - 1;
}

/* Take n bits (n <= 32, known to be there). */
static uint32_t take(uint32_t n) {
  uint32_t v = (uint32_t)(s.bitbuf & (((uint64_t)1 << n) - 1));
  s.bitbuf >>= n;
  s.bitsleft -= n;
  return v;
}

/* Look up one symbol with the bits at hand; 0 when they are too few to be sure. */
static uint32_t peek_symbol(const uint32_t *t, int tb, uint32_t *used) {
  uint32_t e = t[s.bitbuf & ((1u << tb) - 1)];
  uint32_t n = CW_BITS(e);
  if (e & F_SUB) {
    if (s.bitsleft < (uint32_t)tb) return 0;
    e = t[(e >> 16) + ((s.bitbuf >> tb) & ((1u << CW_BITS(e)) - 1))];
    n = (uint32_t)tb + CW_BITS(e);
  }
  if (n > s.bitsleft) return 0;
  *used = n;
  return e;
}

/* ---- block headers ---- */

/* Read a dynamic block's code lengths and build its tables; 1 when input ran short. */
static int dynamic_header(void) {
  uint8_t lens[288 + 32];
  pull_bytes();
  if (s.bitsleft < 14) return 1;
  uint32_t nlit = take(5) + 257, ndist = take(5) + 1, npre = take(4) + 4;
  if (nlit > 286 || ndist > 30) return E_COUNTS;
  uint8_t pre[19] = {0};
  for (uint32_t i = 0; i < npre; i++) {
    pull_bytes();
    if (s.bitsleft < 3) return 1;
    pre[pre_order[i]] = (uint8_t)take(3);
  }
  if (build(pre_table, PRE_TB, pre, 19, pre_tmpl, 0)) return E_PRECODE;
  uint32_t n = 0, total = nlit + ndist;
  while (n < total) {
    pull_bytes();
    uint32_t used;
    uint32_t e = peek_symbol(pre_table, PRE_TB, &used);
    if (!used || !e) {
      if (s.bitsleft >= 7) return E_PRECODE;
      return 1;
    }
    uint32_t sym = e >> 16;
    if (sym < 16) {
      take(used);
      lens[n++] = (uint8_t)sym;
      continue;
    }
    uint32_t xb = sym == 16 ? 2 : sym == 17 ? 3 : 7;
    if (s.bitsleft < used + xb) return 1;
    take(used);
    uint32_t rep = take(xb) + (sym == 16 ? 3 : sym == 17 ? 3 : 11);
    uint8_t v = 0;
    if (sym == 16) {
      if (n == 0) return E_REPEAT;
      v = lens[n - 1];
    }
    if (n + rep > total) return E_REPEAT;
    while (rep--) lens[n++] = v;
  }
  if (lens[256] == 0) return E_NOEOB;
  if (build(dyn_lit, LIT_TB, lens, (int)nlit, lit_tmpl, 1)) return E_LITSET;
  if (build(dyn_dist, DIST_TB, lens + nlit, (int)ndist, dist_tmpl, 1)) return E_DISTSET;
  lit_t = dyn_lit;
  dist_t = dyn_dist;
  return 0;
}

/* The 3-bit block header and, for a dynamic block, its tables; all or nothing. */
static int block_header(void) {
  uint32_t pos = s.in_pos, bl = s.bitsleft;
  uint64_t bb = s.bitbuf;
  pull_bytes();
  if (s.bitsleft < 3) return 1;
  s.last_block = (int)take(1);
  uint32_t type = take(2);
  if (type == 0) {
    s.bitbuf >>= s.bitsleft & 7;
    s.bitsleft &= ~7u;
    give_back();
    s.state = S_STORED_HDR;
    return 0;
  }
  if (type == 1) {
    lit_t = fix_lit;
    dist_t = fix_dist;
    s.state = S_HUFF;
    return 0;
  }
  if (type == 3) return E_BTYPE;
  int r = dynamic_header();
  if (r == 1) {
    s.in_pos = pos;
    s.bitsleft = bl;
    s.bitbuf = bb;
    return 1;
  }
  if (r) return r;
  s.state = S_HUFF;
  return 0;
}

/* ---- Huffman block data ---- */

#define REFILL()                                                                                   \
  do {                                                                                             \
    bb |= load64(in_buf + ip) << (bl & 63);                                                        \
    ip += (~bl & 63) >> 3;                                                                         \
    bl |= 56;                                                                                      \
  } while (0)

/* Copy a match of `len` bytes from `dist` back; may write up to 16 bytes past the end. */
static inline uint8_t *copy_match(uint8_t *out, uint32_t dist, uint32_t len) {
  uint8_t *src = out - dist, *end = out + len;
  if (dist >= 8) {
    /* Most matches are short: five words cover up to 40 bytes without a loop test. */
    store64(out, load64(src));
    store64(out + 8, load64(src + 8));
    store64(out + 16, load64(src + 16));
    store64(out + 24, load64(src + 24));
    store64(out + 32, load64(src + 32));
    out += 40;
    src += 40;
    while (out < end) {
      store64(out, load64(src));
      out += 8;
      src += 8;
    }
  } else if (dist == 1) {
    uint64_t v = (uint64_t)src[0] * 0x0101010101010101ull;
    do {
      store64(out, v);
      store64(out + 8, v);
      out += 16;
    } while (out < end);
  } else {
    do *out++ = *src++;
    while (out < end);
  }
  return end;
}

/* The low `n` bits of `v` (n <= 63). */
#define LOW(v, n) ((v) & ~(~(uint64_t)0 << (n)))

/*
 * The fast loop: runs while 8 input bytes can be loaded at once and a whole match (plus the
 * copy overshoot) fits before `lim`. Returns 0 when it stops for either end, 1 at the end of
 * the block, or an error.
 *
 * After a refill the bit buffer holds 64 real bits (bl counts only its whole bytes), so a
 * litlen entry (20 bits at most) and a distance entry (28) can be decoded and the next litlen
 * entry looked up (11 more) before the next refill: that look-up runs while a match copies.
 */
static int fast_loop(uint32_t lim) {
  uint64_t bb = s.bitbuf;
  uint32_t bl = s.bitsleft;
  uint32_t ip = s.in_pos;
  const uint32_t in_stop = s.in_end >= 8 ? s.in_end - 8 : 0;
  uint8_t *out = out_buf + s.out_pos;
  uint8_t *const out_stop = out_buf + lim - 258 - 3 - 16;
  uint8_t *const valid = out_buf + s.valid_start;
  const uint32_t *lt = lit_t, *dt = dist_t;
  int r = 0;
  /* Bits are consumed by subtracting whole entries from bl: only its low byte is the count
   * (a wasm shift takes its count modulo 64, so `& 63` costs nothing), which saves a mask per
   * symbol. A length's or distance's flag bits 12-13 are 0, so `(e >> 8) & 63` is its
   * codeword's bits. */
  if (s.in_end < 8 || ip > in_stop || out > out_stop) goto done;
  REFILL();
  uint32_t e = lt[bb & ((1u << LIT_TB) - 1)];
  do {
    REFILL();
    uint64_t saved = bb;
    bb >>= e & 63;
    bl -= e;
    if ((int32_t)e < 0) {
      /* Up to three literals: 3 x 15 bits, then an 11-bit look-up, fit in 64 real bits. */
      *out++ = (uint8_t)(e >> 16);
      e = lt[bb & ((1u << LIT_TB) - 1)];
      if ((int32_t)e < 0) {
        bb >>= e & 63;
        bl -= e;
        *out++ = (uint8_t)(e >> 16);
        e = lt[bb & ((1u << LIT_TB) - 1)];
        if ((int32_t)e < 0) {
          bb >>= e & 63;
          bl -= e;
          *out++ = (uint8_t)(e >> 16);
          e = lt[bb & ((1u << LIT_TB) - 1)];
        }
      }
      continue;
    }
    if (e & (F_SUB | F_EOB | F_BAD)) {
      if (e & F_SUB) {
        /* The main table's bits are gone: look up the rest in the subtable. */
        e = lt[(e >> 16) + (uint32_t)LOW(bb, CW_BITS(e))];
        saved = bb;
        bb >>= e & 63;
        bl -= e;
        if ((int32_t)e < 0) {
          *out++ = (uint8_t)(e >> 16);
          e = lt[bb & ((1u << LIT_TB) - 1)];
          continue;
        }
      }
      if (e & (F_EOB | F_BAD)) {
        if (e & F_BAD) {
          r = E_LITCODE;
          /* Leave the bits as they were before the bad codeword. */
          bb = saved;
          bl += e;
        } else {
          r = 1;
        }
        break;
      }
    }
    uint32_t len = (e >> 16) + (uint32_t)(LOW(saved, e & 63) >> ((e >> 8) & 63));
    uint32_t d = dt[bb & ((1u << DIST_TB) - 1)];
    if (d & F_SUB) {
      bb >>= DIST_TB;
      bl -= DIST_TB;
      d = dt[(d >> 16) + (uint32_t)LOW(bb, CW_BITS(d))];
    }
    if (d & F_BAD) {
      r = E_DISTCODE;
      break;
    }
    saved = bb;
    bb >>= d & 63;
    bl -= d;
    uint32_t dist = (d >> 16) + (uint32_t)(LOW(saved, d & 63) >> ((d >> 8) & 63));
    e = lt[bb & ((1u << LIT_TB) - 1)];
    if (dist > (uint32_t)(out - valid)) {
      r = E_FAR;
      break;
    }
    out = copy_match(out, dist, len);
  } while (ip <= in_stop && out <= out_stop);
done:
  bl &= 0xff;
  s.bitbuf = bl >= 64 ? bb : bb & (((uint64_t)1 << bl) - 1);
  s.bitsleft = bl;
  s.in_pos = ip;
  s.out_pos = (uint32_t)(out - out_buf);
  give_back();
  return r;
}

/* Decode symbols until the block ends (1), input or room runs out (0, R_ code in *why), or an error. */
static int huff(uint32_t lim, int *why) {
  for (;;) {
    if (s.match_left) {
      uint32_t room = lim - s.out_pos;
      uint32_t n = s.match_left < room ? s.match_left : room;
      uint8_t *out = out_buf + s.out_pos, *src = out - s.match_dist;
      for (uint32_t i = 0; i < n; i++) out[i] = src[i];
      s.out_pos += n;
      s.match_left -= n;
      if (s.match_left) {
        *why = R_OUTPUT;
        return 0;
      }
    }
    int r = fast_loop(lim);
    if (r) return r;
    /* One symbol at a time, with every bit checked for. */
    if (s.out_pos >= lim) {
      *why = R_OUTPUT;
      return 0;
    }
    pull_bytes();
    uint32_t used = 0;
    uint32_t e = peek_symbol(lit_t, LIT_TB, &used);
    if (!used) {
      *why = R_NEED_INPUT;
      return 0;
    }
    if (e & F_BAD) return E_LITCODE;
    if (e & F_LIT) {
      take(used);
      out_buf[s.out_pos++] = (uint8_t)(e >> 16);
      continue;
    }
    if (e & F_EOB) {
      take(used);
      return 1;
    }
    uint32_t xb = ALL_BITS(e) - CW_BITS(e);
    if (s.bitsleft < used + xb) {
      *why = R_NEED_INPUT;
      return 0;
    }
    /* Peek the distance after the length without consuming, so a shortfall changes nothing. */
    uint64_t bb0 = s.bitbuf;
    uint32_t bl0 = s.bitsleft;
    take(used);
    uint32_t len = ((e >> 16) & 0x7fff) + take(xb);
    uint32_t dused = 0;
    uint32_t d = peek_symbol(dist_t, DIST_TB, &dused);
    if (dused && (d & F_BAD)) return E_DISTCODE;
    uint32_t dxb = ALL_BITS(d) - CW_BITS(d);
    if (!dused || s.bitsleft < dused + dxb) {
      s.bitbuf = bb0;
      s.bitsleft = bl0;
      *why = R_NEED_INPUT;
      return 0;
    }
    take(dused);
    uint32_t dist = (d >> 16) + take(dxb);
    if (dist > s.out_pos - s.valid_start) return E_FAR;
    s.match_left = len;
    s.match_dist = dist;
  }
}

/* ---- gzip framing ---- */

/* After the fixed 10 bytes or an optional field: on to the next field the flags announce. */
static void next_field(void) {
  if (s.hflags & 4) {
    s.hflags &= ~4;
    s.hstep = H_XLEN;
    s.hleft = 2;
    s.xlen = 0;
  } else if (s.hflags & 8) {
    s.hflags &= ~8;
    s.hstep = H_NAME;
  } else if (s.hflags & 16) {
    s.hflags &= ~16;
    s.hstep = H_COMMENT;
  } else if (s.hflags & 2) {
    s.hflags &= ~2;
    s.hstep = H_HCRC;
    s.hleft = 2;
  } else {
    s.hstep = H_DONE;
  }
}

/* Parse a gzip header one byte at a time: 1 when complete, 0 when input ran out, or an error. */
static int gzip_header(void) {
  while (s.hstep != H_DONE) {
    if (s.in_pos >= s.in_end) return 0;
    uint8_t b = in_buf[s.in_pos++];
    switch (s.hstep) {
      case H_MAGIC1:
        if (b != 0x1f) return E_HEADER;
        s.hstep = H_MAGIC2;
        break;
      case H_MAGIC2:
        if (b != 0x8b) return E_HEADER;
        s.hstep = H_METHOD;
        break;
      case H_METHOD:
        /* Checked with the flags, as zlib does: a stream cut after this byte is "truncated". */
        s.hflags = b;
        s.hstep = H_FLAGS;
        break;
      case H_FLAGS:
        if (s.hflags != 8) return E_METHOD;
        if (b & 0xe0) return E_FLAGS;
        s.hflags = b;
        s.hstep = H_SKIP6;
        s.hleft = 6;
        break;
      case H_SKIP6: /* MTIME, XFL, OS */
        if (--s.hleft == 0) next_field();
        break;
      case H_XLEN:
        s.xlen |= (uint32_t)b << (s.hleft == 2 ? 0 : 8);
        if (--s.hleft) break;
        s.hstep = H_EXTRA;
        s.hleft = s.xlen;
        if (s.hleft == 0) next_field();
        break;
      case H_EXTRA:
        if (--s.hleft == 0) next_field();
        break;
      case H_NAME:
      case H_COMMENT:
        if (b == 0) next_field();
        break;
      case H_HCRC:
        if (--s.hleft == 0) next_field();
        break;
    }
  }
  return 1;
}

static void start_member(void) {
  s.state = S_GZHDR;
  s.hstep = H_MAGIC1;
  s.crc = 0;
  s.isize = 0;
  s.check = 1;
  s.valid_start = s.out_pos;
  s.member_told = 0;
}

static void crc_flush(void) {
  if (s.check && s.out_pos > s.crc_mark) {
    s.crc = crc_update(s.crc, out_buf + s.crc_mark, s.out_pos - s.crc_mark);
    s.isize += s.out_pos - s.crc_mark;
  }
  s.crc_mark = s.out_pos;
}

/* ---- exports ---- */

/** Where the caller writes compressed bytes (after `in_keep()` bytes kept from before). */
EXPORT(in_ptr) uint8_t *in_ptr(void) { return in_buf; }
/** The input buffer's size. */
EXPORT(in_cap) uint32_t in_cap(void) { return IN_CAP; }
/** The output buffer: output is at [out_start(), out_end()), the window before out_end(). */
EXPORT(out_ptr) uint8_t *out_ptr(void) { return out_buf; }
/** Start of the output made by the last run(). */
EXPORT(out_start) uint32_t out_start(void) { return s.out_read; }
/** End of the output made by the last run(). */
EXPORT(out_end) uint32_t out_end(void) { return s.out_pos; }
/** How many bytes of window lie before out_end() (at most 32 KiB). */
EXPORT(window_len) uint32_t window_len(void) {
  uint32_t have = s.out_pos - s.valid_start;
  return have < WIN ? have : WIN;
}
/** Compressed bytes taken from the input buffer so far (whole bytes; see bit_count). */
EXPORT(in_used) uint32_t in_used(void) { return s.in_pos; }
/** Bits of the byte before in_used() still unused (0-7): a block starts that many bits before. */
EXPORT(bit_count) uint32_t bit_count(void) { return s.bitsleft; }

/**
 * Start decoding: a gzip stream (`raw` 0), or (`raw` 1) deflate blocks from a checkpoint whose
 * first byte has `skip` bits already used and whose window (`wlen` bytes) the caller has
 * written at out_ptr() + 32768 - wlen.
 */
EXPORT(init) void init(int raw, uint32_t skip, uint32_t wlen) {
  if (!ready) {
    crc_init();
    tables_init();
    ready = 1;
  }
  s.bitbuf = 0;
  s.bitsleft = 0;
  s.in_pos = s.in_end = 0;
  s.in_final = 0;
  s.out_pos = s.out_read = s.crc_mark = WIN;
  s.match_left = 0;
  s.last_block = 0;
  if (raw) {
    s.state = S_BLOCK;
    s.check = 0;
    s.skip_bits = skip;
    s.valid_start = WIN - (wlen < WIN ? wlen : WIN);
  } else {
    s.skip_bits = 0;
    start_member();
  }
}

/**
 * Make room for input: moves the unused input to the buffer's start once little of it is left
 * (moving it on every call copied ~1.5 bytes per byte decoded); returns where new bytes go
 * (in_used() says where decoding resumes).
 */
EXPORT(in_compact) uint32_t in_compact(void) {
  uint32_t keep = s.in_end - s.in_pos;
  if (keep >= IN_CAP / 4) return s.in_end;
  if (s.in_pos) {
    __builtin_memmove(in_buf, in_buf + s.in_pos, keep);
    s.in_pos = 0;
    s.in_end = keep;
  }
  return keep;
}

/** `n` new bytes were written where in_compact() said; `final` when no more will come. */
EXPORT(in_add) void in_add(uint32_t n, int final) {
  s.in_end += n;
  __builtin_memset(in_buf + s.in_end, 0, IN_SLACK);
  s.in_final = final;
}

/**
 * Decode until input runs out, `max_out` bytes were made, or (when `stops`) a block boundary or
 * a later gzip member comes. Returns an R_ code or a negative error.
 */
EXPORT(run) int run(int stops, uint32_t max_out) {
  if (max_out > OUT_CAP) max_out = OUT_CAP;
  if (max_out < 1024) max_out = 1024;
  if (s.out_pos + max_out > WIN + OUT_CAP) {
    /* Slide: keep the last 32 KiB as the window at the buffer's start. */
    uint32_t shift = s.out_pos - WIN;
    __builtin_memmove(out_buf, out_buf + shift, WIN);
    s.out_pos = WIN;
    s.valid_start = s.valid_start > shift ? s.valid_start - shift : 0;
  }
  s.out_read = s.crc_mark = s.out_pos;
  uint32_t lim = s.out_pos + max_out;
  int r = R_NEED_INPUT;
  if (s.skip_bits && s.in_pos < s.in_end) {
    s.bitbuf = in_buf[s.in_pos++] >> s.skip_bits;
    s.bitsleft = 8 - s.skip_bits;
    s.skip_bits = 0;
  }
  for (;;) {
    switch (s.state) {
      case S_GZHDR: {
        int h = gzip_header();
        if (h < 0) r = h;
        if (h <= 0) goto out;
        s.state = S_BLOCK;
        break;
      }
      case S_BLOCK: {
        int h = block_header();
        if (h) {
          if (h != 1) r = h;
          goto out;
        }
        break;
      }
      case S_STORED_HDR: {
        if (s.in_end - s.in_pos < 4) goto out;
        uint32_t len = in_buf[s.in_pos] | (uint32_t)in_buf[s.in_pos + 1] << 8;
        uint32_t nlen = in_buf[s.in_pos + 2] | (uint32_t)in_buf[s.in_pos + 3] << 8;
        if (len != (~nlen & 0xffff)) {
          r = E_STORED;
          goto out;
        }
        s.in_pos += 4;
        s.stored_left = len;
        s.state = S_STORED;
        break;
      }
      case S_STORED: {
        uint32_t n = s.stored_left, avail = s.in_end - s.in_pos, room = lim - s.out_pos;
        if (n > avail) n = avail;
        if (n > room) n = room;
        __builtin_memcpy(out_buf + s.out_pos, in_buf + s.in_pos, n);
        s.out_pos += n;
        s.in_pos += n;
        s.stored_left -= n;
        if (s.stored_left) {
          if (s.out_pos >= lim) r = R_OUTPUT;
          goto out;
        }
        goto block_end;
      }
      case S_HUFF: {
        int why = R_NEED_INPUT;
        int h = huff(lim, &why);
        if (h < 0) {
          r = h;
          goto out;
        }
        if (h == 0) {
          r = why;
          goto out;
        }
        goto block_end;
      }
      case S_TRAILER: {
        /* The CRC is checked as soon as its 4 bytes are in, as zlib does: a stream cut inside
         * the trailer whose CRC already disagrees is corrupt, not only short. */
        if (s.in_end - s.in_pos < 4) goto out;
        crc_flush();
        if (s.check && load32(in_buf + s.in_pos) != s.crc) {
          r = E_CRC;
          goto out;
        }
        if (s.in_end - s.in_pos < 8) goto out;
        if (s.check && load32(in_buf + s.in_pos + 4) != s.isize) {
          s.in_pos += 4;
          r = E_LENGTH;
          goto out;
        }
        s.in_pos += 8;
        s.state = S_BETWEEN;
        break;
      }
      case S_BETWEEN: {
        if (s.in_pos >= s.in_end) {
          if (s.in_final) r = R_DONE;
          goto out;
        }
        uint8_t b = in_buf[s.in_pos];
        if (b == 0) {
          s.state = S_PADDING;
          break;
        }
        if (b != 0x1f) {
          r = E_GARBAGE;
          goto out;
        }
        if (stops && !s.member_told) {
          s.member_told = 1;
          r = R_MEMBER;
          goto out;
        }
        crc_flush();
        start_member();
        break;
      }
      case S_PADDING: {
        while (s.in_pos < s.in_end && in_buf[s.in_pos] == 0) s.in_pos++;
        if (s.in_pos < s.in_end) {
          r = E_GARBAGE;
          goto out;
        }
        if (s.in_final) r = R_DONE;
        goto out;
      }
      default:
        r = R_DONE;
        goto out;
    }
    continue;
  block_end:
    if (s.last_block) {
      /* The member's deflate data ends here: the trailer starts at the next byte. */
      s.bitbuf >>= s.bitsleft & 7;
      s.bitsleft &= ~7u;
      give_back();
      s.state = S_TRAILER;
      continue;
    }
    s.state = S_BLOCK;
    if (stops) {
      give_back();
      r = R_BLOCK;
      goto out;
    }
  }
out:
  if (s.state != S_STORED && s.state != S_STORED_HDR) give_back();
  crc_flush();
  return r;
}
