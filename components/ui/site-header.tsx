import Link from 'next/link';
import { ThemeToggle } from './theme-toggle';

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Scale Lab
        </Link>
        <nav className="site-nav" aria-label="Main">
          <Link href="/">Course</Link>
          <Link href="/reference">API reference</Link>
          <Link href="/problems">API errors</Link>
          <ThemeToggle />
        </nav>
      </div>
    </header>
  );
}
