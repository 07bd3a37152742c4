/**
 * Where a JSON text goes wrong: a small recursive-descent scanner run only on texts JSON.parse
 * rejected (V8's messages do not always carry a position), or accepted with a problem JSON.parse
 * does not see: a key given twice in one object (JSON.parse keeps the last one silently), or
 * nesting deeper than the limit. The descent stops at the limit, so a text nested 100,000 levels
 * deep cannot overflow the call stack.
 */

/** The first problem of a JSON text, at a 0-based offset. */
export interface JsonProblem {
  offset: number;
  /** syntax: the text is not JSON (`message` says why); duplicate: `key` twice in one object; depth: nested over the limit. */
  kind: 'syntax' | 'duplicate' | 'depth';
  message: string;
  key?: string;
}

/** The first problem of `text`, or undefined when it is valid JSON, each key once per object and at most `maxDepth` levels deep. */
export function jsonProblemAt(text: string, maxDepth: number): JsonProblem | undefined {
  let i = 0;
  const fail = (message: string, kind: JsonProblem['kind'] = 'syntax', key?: string): never => {
    throw { offset: i, kind, message, ...(key !== undefined ? { key } : {}) } satisfies JsonProblem;
  };
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  /** Past a string; true when it held a backslash (its value then differs from its text). */
  const str = (): boolean => {
    i++;
    let escaped = false;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return escaped;
      }
      if (c === '\\') {
        escaped = true;
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape in string');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail('bad escape in string');
      } else if (c < ' ') fail('control character in string');
      else i++;
    }
    return fail('unterminated string');
  };
  const value = (depth: number): void => {
    ws();
    const c = text[i];
    if ((c === '{' || c === '[') && depth > maxDepth) fail(`nested more than ${maxDepth} levels deep`, 'depth');
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      const keys = new Set<string>();
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a "quoted" property name');
        const at = i;
        const escaped = str();
        // "\u0061" and "a" are the same key.
        const key = escaped ? (JSON.parse(text.slice(at, i)) as string) : text.slice(at + 1, i - 1);
        if (keys.has(key)) {
          i = at;
          fail(`key "${key}" appears twice in one object`, 'duplicate', key);
        }
        keys.add(key);
        ws();
        if (text[i] !== ':') fail('expected ":" after a property name');
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') {
      str();
      return;
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0].length) {
      i += m[0].length;
      return;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return;
      }
    }
    if (i >= text.length) fail('unexpected end of line');
    fail(`unexpected ${JSON.stringify(text[i])}${/^(NaN|-?Infinity)/.test(text.slice(i)) ? ' (NaN and Infinity are not JSON numbers)' : ''}`);
  };
  try {
    value(1);
    ws();
    if (i < text.length) fail('unexpected text after the JSON value');
    return undefined;
  } catch (e) {
    if (e && typeof e === 'object' && 'offset' in e && 'kind' in e) return e as JsonProblem;
    throw e;
  }
}

/** Where a text JSON.parse rejected goes wrong (its first problem; nesting over `maxDepth` is one). */
export function jsonErrorAt(text: string, maxDepth: number): JsonProblem {
  return jsonProblemAt(text, maxDepth) ?? { offset: 0, kind: 'syntax', message: 'invalid JSON' };
}
