'use client';

import { useEffect, useRef } from 'react';
import { takeServerHtml } from './server-html-registry';

/**
 * A block of static HTML that the server renders and the browser keeps: the RSC payload carries
 * only its id. The reference's operations were ~85 KB that every /reference load parsed twice,
 * as HTML and again as a string in the payload (for an element React never changes).
 *
 * Hydration keeps the server's HTML: React does not compare or rewrite the inside of a
 * dangerouslySetInnerHTML element when it hydrates (suppressHydrationWarning quiets the
 * development-only warning about the empty string). A client-side navigation has no server
 * HTML: the block then reads its HTML from the page's own prerendered document. Give each use
 * `key={id}`: a block that kept its element across a change of id would keep the old HTML.
 */
// Both blocks of a page (contents and operations) read the same document: fetch it once.
const documents = new Map<string, Promise<Document>>();
function pageDocument(page: string): Promise<Document> {
  let doc = documents.get(page);
  if (!doc) {
    doc = fetch(page)
      .then((res) => (res.ok ? res.text() : Promise.reject(new Error(`${page}: ${res.status}`))))
      .then((text) => new DOMParser().parseFromString(text, 'text/html'));
    // A failed fetch is not remembered: the next visit asks again.
    doc.catch(() => documents.delete(page));
    documents.set(page, doc);
  }
  return doc;
}

export function ServerHtml({ id, page, className }: { id: string; page: string; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current || ref.current.childNodes.length > 0) return;
    let current = true;
    void pageDocument(page)
      .then((doc) => {
        const html = doc.getElementById(id)?.innerHTML;
        if (current && html && ref.current) {
          ref.current.innerHTML = html;
          // The navigation may have asked for an anchor inside it (#listOrders): it exists only now.
          if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
        }
      })
      .catch(() => {
        // Offline or restarting: a reload of the page shows the server's HTML.
      });
    return () => {
      current = false;
    };
  }, [id, page]);
  return (
    <div
      id={id}
      ref={ref}
      className={className}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: typeof window === 'undefined' ? takeServerHtml(id) : '' }}
    />
  );
}
