import { findChromium, chromiumHelp } from '../tests/e2e/chromium'
import { ensureAptPackage } from './lib/apt-install'

// Installs Debian's chromium where none is found: without a browser, only the end-to-end tests stop.
ensureAptPackage({ label: 'Chromium', pkg: 'chromium', find: () => findChromium() ?? undefined, help: chromiumHelp })
