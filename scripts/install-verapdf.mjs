// Installs veraPDF, the PDF/A validator of the PDF Association, into ./.tools/verapdf from Maven
// Central (scripts/maven-tools.mjs): test/unit/letter-pdfa.test.ts checks the letters' PDF/A-2b
// with it. greenfield-apps is one self-contained jar; its command line is
// org.verapdf.apps.GreenfieldCliWrapper (test/helpers/verapdf.ts).
import { installFromMaven } from './maven-tools.mjs';

const VERAPDF_ARTIFACT = 'org.verapdf.apps:greenfield-apps:1.28.2';

installFromMaven({
  name: 'install-verapdf',
  dir: 'verapdf',
  artifacts: [VERAPDF_ARTIFACT],
  withoutMaven: 'install java 17 and mvn, or set VERAPDF_JAR to a greenfield-apps jar.',
});
