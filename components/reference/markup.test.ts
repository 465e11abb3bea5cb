import { describe, expect, it } from 'vitest';
import { escapeHtml, markup, SafeHtml } from './markup';

describe('markup', () => {
  it('escapes every interpolated string, in text and in quoted attributes', () => {
    const evil = `"><script>alert('x')</script>&`;
    const out = markup`<a href="#schema-${evil}" title='${evil}'>${evil}</a>`.toString();
    expect(out).toBe(
      '<a href="#schema-&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;" ' +
        "title='&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;'>" +
        '&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</a>',
    );
    expect(escapeHtml('a < b && c')).toBe('a &lt; b &amp;&amp; c');
  });

  it('nests markup unescaped, joins arrays, and leaves out false, null and undefined', () => {
    const items = ['a<', 'b'].map((x) => markup`<li>${x}</li>`);
    const out = markup`<ul>${items}${false}${null}${undefined}${0}</ul>`.toString();
    expect(out).toBe('<ul><li>a&lt;</li><li>b</li>0</ul>');
  });

  it('drops line-break whitespace of the template like JSX, and keeps the values own whitespace', () => {
    const out = markup`
      <pre>
        ${'line 1\n  line 2'}
      </pre> <b>x</b>`.toString();
    expect(out).toBe('<pre>line 1\n  line 2</pre> <b>x</b>');
  });

  it('cannot be forged from outside the module', () => {
    // @ts-expect-error the key is private to markup.ts
    expect(() => new SafeHtml('<script>', Symbol('markup'))).toThrow();
  });
});
