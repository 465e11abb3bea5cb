import Link from 'next/link';
import { HeaderMenu } from './header-menu';
import { ThemeToggle } from './theme-toggle';

// prefetch={false}: a header link must not pull another route's JavaScript into every page load.
export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="brand" prefetch={false}>
          <span className="brand__mark" aria-hidden="true" />
          Scale Lab
        </Link>
        <HeaderMenu>
          <Link href="/" prefetch={false}>
            Course
          </Link>
          <Link href="/reference" prefetch={false}>
            API reference
          </Link>
          <Link href="/problems" prefetch={false}>
            API errors
          </Link>
          <ThemeToggle />
        </HeaderMenu>
      </div>
    </header>
  );
}
