'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';

/**
 * The header's links: a row on wide screens, behind a "Menu" button under 640 px (CSS decides
 * which; this only tracks open/closed). Closes on navigation and on Escape.
 */
export function HeaderMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  useEffect(() => setOpen(false), [pathname]);
  return (
    <>
      <button type="button" className="btn btn--ghost site-menu-button" aria-expanded={open} aria-controls="site-nav"
        onClick={() => setOpen((o) => !o)}>
        {open ? 'Close menu' : 'Menu'}
      </button>
      <nav id="site-nav" className="site-nav" aria-label="Main" data-open={open}
        onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false); }}>
        {children}
      </nav>
    </>
  );
}
