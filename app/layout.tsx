import './globals.css';
import './responsive.css';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/ui/site-header';
import { BroadcastBanner } from '@/components/ui/broadcast-banner';
import { loadLessons } from '@/lib/lessons/loader';
import { inter, mono } from './fonts';

export const metadata: Metadata = {
  title: { default: 'Scale Lab', template: '%s · Scale Lab' },
  description: 'Learn how to build REST APIs that scale, on a real API you can load and measure.',
};

// Set the theme before first paint so a dark-mode learner never sees a white flash.
const themeScript = `try{var t=localStorage.getItem('scale-lab-theme');if(t==='dark'||t==='light')document.documentElement.dataset.theme=t}catch(e){}`;

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={`${inter.variable} ${mono.variable}`} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <BroadcastBanner
          titles={Object.fromEntries(loadLessons().map((l) => [l.slug, `Lesson ${l.number}: ${l.frontmatter.title}`]))}
        />
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
