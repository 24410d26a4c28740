// The three teaching images: what each layer holds, and the history line that made it.
import {
  containerPng,
  fakeElf,
  LOGO_SVG,
  netRawCapability,
  randomBytes,
  textLines,
} from './content.mjs';
import { ARCHIVE_MTIME, dockerSave, jsonBytes, Layout, MT } from './oci.mjs';
import { bytesOf, sha256 } from './tar.mjs';

const DAY = 86_400;
const X86_64 = 0x3e;
const AARCH64 = 0xb7;

/** Members of layer n get the layer's own mtime: a day apart, so the metadata view tells them apart. */
function stamp(n, members) {
  return members.map((m) => ({ mtime: ARCHIVE_MTIME + n * DAY, ...m }));
}

const dir = (path, extra = {}) => ({ path, type: 'dir', ...extra });
const file = (path, content, extra = {}) => ({ path, content, ...extra });
const symlink = (path, linkTarget) => ({ path, type: 'symlink', linkTarget });
const hardlink = (path, linkTarget) => ({ path, type: 'hardlink', linkTarget });

const osRelease = (arch) => `NAME="Demo Linux"
ID=demo
VERSION_ID=1.0
PRETTY_NAME="Demo Linux 1.0 (${arch})"
HOME_URL="https://example.org/demo-linux"
`;

const PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:2:2:daemon:/sbin:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;
const GROUP = `root:x:0:root
daemon:x:2:root
nogroup:x:65534:
`;

const APP_SCRIPT = `#!/bin/sh
# demo app: says hello with the distribution's name and prints its configuration
set -eu
. /etc/os-release
echo "Hello from \${PRETTY_NAME}"
cat "\${APP_CONFIG:-/etc/app/config.json}"
`;

const README = `# demo app

A tiny program installed by the \`COPY app/ /\` step of this image.

- \`/usr/bin/app\` is the program (a shell script: open it to read it).
- \`/usr/local/bin/app\` is a symlink to it; \`/bin\` is a symlink to \`usr/bin\`.
- \`/usr/share/app/logo.png\` and \`logo.svg\` are images: the viewer shows them inline.
- \`/usr/lib/app/libdemo.so\` is binary: the viewer shows it as hex.
`;

// "café, naïve, Zürich" in ISO-8859-1: not valid UTF-8, so the viewer falls back to hex.
const LATIN1 = new Uint8Array([
  ...bytesOf('Notes written in ISO-8859-1: caf'),
  0xe9,
  ...bytesOf(', na'),
  0xef,
  ...bytesOf('ve, Z'),
  0xfc,
  ...bytesOf('rich.\n'),
]);

function fakePem(blocks) {
  const lines = [];
  for (let b = 0; b < blocks; b++) {
    lines.push(`# Demo Root CA ${b + 1}`, '-----BEGIN CERTIFICATE-----');
    const body = Buffer.from(randomBytes(576, 100 + b)).toString('base64');
    for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
    lines.push('-----END CERTIFICATE-----');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * demo-lesson: built like the image an image-spec lesson pulls (`skopeo copy docker://busybox
 * oci:busybox`): one gzip layer, `Cmd ["sh"]`, two history rows, `lib64 -> lib`, the
 * `etc/network/if-*.d` folders and a few small files. Our own content, not busybox's binaries.
 */
export function demoLesson() {
  const layout = new Layout();
  const layer = layout.addLayer(
    stamp(0, [
      dir('bin'),
      file('bin/busybox', fakeElf(16 * 1024, X86_64, 71), { mode: 0o755 }),
      hardlink('bin/sh', 'bin/busybox'),
      hardlink('bin/ls', 'bin/busybox'),
      hardlink('bin/cat', 'bin/busybox'),
      dir('dev'),
      dir('etc'),
      file('etc/group', GROUP),
      file('etc/hostname', 'lesson\n'),
      file('etc/hosts', '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n'),
      dir('etc/network'),
      dir('etc/network/if-down.d'),
      dir('etc/network/if-post-down.d'),
      dir('etc/network/if-pre-up.d'),
      dir('etc/network/if-up.d'),
      file('etc/os-release', osRelease('x86_64')),
      file('etc/passwd', PASSWD),
      file('etc/shadow', 'root:*:19000:0:99999:7:::\n', { mode: 0o600 }),
      dir('home'),
      dir('lib'),
      file('lib/libc.so.6', fakeElf(8 * 1024, X86_64, 72), { mode: 0o755 }),
      symlink('lib64', 'lib'),
      dir('root', { mode: 0o700 }),
      dir('tmp', { mode: 0o1777 }),
      dir('usr'),
      dir('usr/sbin'),
      dir('var'),
      dir('var/spool'),
      dir('var/spool/mail'),
      dir('var/www'),
    ]),
  );
  const manifest = layout.addImage({
    platform: { os: 'linux', architecture: 'amd64' },
    config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['sh'],
    },
    history: [
      { created_by: '/bin/sh -c #(nop) ADD file:lesson-rootfs.tar in / ' },
      { created_by: '/bin/sh -c #(nop)  CMD ["sh"]', empty_layer: true },
    ],
    layers: [layer],
  });
  return layout.toArchive([
    { ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'latest' } },
  ]);
}

/** demo-layers: one image, five gzip layers that add, change, delete, hide, link. */
export function demoLayers() {
  const layout = new Layout();
  const busybox = fakeElf(24 * 1024, X86_64, 1);
  const layers = [
    stamp(0, [
      symlink('bin', 'usr/bin'),
      symlink('lib', 'usr/lib'),
      dir('etc'),
      file('etc/os-release', osRelease('x86_64')),
      file('etc/passwd', PASSWD),
      file('etc/group', GROUP),
      file('etc/hostname', 'demo\n'),
      file('etc/motd', 'Welcome to Demo Linux! This message is deleted by a later layer.\n'),
      dir('home'),
      dir('root', { mode: 0o700 }),
      dir('tmp', { mode: 0o1777 }),
      dir('usr'),
      dir('usr/bin'),
      file('usr/bin/busybox', busybox, { mode: 0o755 }),
      hardlink('usr/bin/ls', 'usr/bin/busybox'),
      hardlink('usr/bin/cat', 'usr/bin/busybox'),
      file('usr/bin/passwd', fakeElf(3 * 1024, X86_64, 2), { mode: 0o4755 }),
      file('usr/bin/ping', fakeElf(2 * 1024, X86_64, 3), {
        mode: 0o755,
        xattrs: { 'security.capability': netRawCapability() },
      }),
      dir('usr/lib'),
      file('usr/lib/libc.musl-x86_64.so.1', fakeElf(16 * 1024, X86_64, 4), { mode: 0o755 }),
      dir('var'),
      dir('var/cache'),
      dir('var/cache/apk'),
    ]),
    stamp(1, [
      dir('etc'),
      file('etc/passwd', `${PASSWD}app:x:1000:1000:demo app:/home/app:/bin/sh\n`),
      file('etc/group', `${GROUP}app:x:1000:app\n`),
      dir('etc/ssl'),
      dir('etc/ssl/certs'),
      file('etc/ssl/certs/ca-certificates.crt', fakePem(6)),
      dir('home/app', { uid: 1000, gid: 1000 }),
      file('home/app/.profile', 'export PS1="app@demo$ "\n', { uid: 1000, gid: 1000 }),
      dir('var/cache/apk'),
      file('var/cache/apk/APKINDEX.66ab.tar.gz', randomBytes(9 * 1024, 11)),
      file('var/cache/apk/APKINDEX.4a4c.tar.gz', randomBytes(6 * 1024, 12)),
      file('var/cache/apk/ca-certificates-20240226-r0.apk', randomBytes(12 * 1024, 13)),
    ]),
    stamp(2, [
      dir('opt'),
      dir('opt/model'),
      file('opt/model/VERSION', 'v1\n'),
      file('opt/model/weights.bin', randomBytes(192 * 1024, 21)),
    ]),
    stamp(3, [
      dir('etc/app'),
      file(
        'etc/app/config.json',
        '{\n  "greeting": "hello",\n  "port": 8080,\n  "model": "/opt/model/weights.bin"\n}\n',
      ),
      file('usr/bin/app', APP_SCRIPT, { mode: 0o755 }),
      dir('usr/lib/app'),
      file('usr/lib/app/libdemo.so', fakeElf(12 * 1024, X86_64, 31), { mode: 0o755 }),
      dir('usr/local'),
      dir('usr/local/bin'),
      symlink('usr/local/bin/app', '/usr/bin/app'),
      dir('usr/share'),
      dir('usr/share/app'),
      file('usr/share/app/logo.png', containerPng()),
      file('usr/share/app/logo.svg', LOGO_SVG),
      dir('usr/share/doc'),
      dir('usr/share/doc/app'),
      file('usr/share/doc/app/README.md', README),
      file('usr/share/doc/app/CHANGELOG.txt', textLines('change', 2400)),
      file('usr/share/doc/app/notes-latin1.txt', LATIN1),
    ]),
    stamp(4, [
      dir('etc'),
      file('etc/.wh.motd'),
      dir('opt/model'),
      file('opt/model/VERSION', 'v2\n'),
      file('opt/model/weights.bin', randomBytes(192 * 1024, 41)),
      dir('var/cache/apk'),
      file('var/cache/apk/.wh..wh..opq'),
      file('var/cache/apk/.keep'),
    ]),
  ].map((members) => layout.addLayer(members));
  const manifest = layout.addImage({
    platform: { os: 'linux', architecture: 'amd64' },
    config: {
      User: 'app',
      Env: ['PATH=/usr/local/bin:/usr/bin', 'APP_CONFIG=/etc/app/config.json'],
      Cmd: ['app'],
      WorkingDir: '/home/app',
    },
    history: [
      { created_by: '/bin/sh -c #(nop) ADD file:demo-rootfs-x86_64.tar.gz in / ' },
      { created_by: '/bin/sh -c #(nop)  CMD ["/bin/sh"]', empty_layer: true },
      {
        created_by: 'RUN /bin/sh -c apk add ca-certificates && adduser -D -u 1000 app # buildkit',
      },
      {
        created_by:
          'RUN /bin/sh -c wget -q -O /opt/model/weights.bin https://example.org/model-v1.bin && echo v1 > /opt/model/VERSION # buildkit',
      },
      { created_by: 'COPY app/ / # buildkit' },
      {
        created_by:
          'RUN /bin/sh -c rm -rf /var/cache/apk && mkdir -p /var/cache/apk && touch /var/cache/apk/.keep && rm /etc/motd && wget -q -O /opt/model/weights.bin https://example.org/model-v2.bin && echo v2 > /opt/model/VERSION # buildkit',
      },
      { created_by: 'ENV APP_CONFIG=/etc/app/config.json', empty_layer: true },
      { created_by: 'USER app', empty_layer: true },
      { created_by: 'WORKDIR /home/app', empty_layer: true },
      { created_by: 'CMD ["app"]', empty_layer: true },
    ],
    layers,
  });
  return layout.toArchive([
    { ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'latest' } },
  ]);
}

/** demo-multiplatform: an image index for two platforms, a shared layer, and an SBOM attestation. */
export function demoMultiplatform() {
  const layout = new Layout();
  const site = layout.addLayer(
    stamp(1, [
      dir('srv'),
      dir('srv/www'),
      file(
        'srv/www/index.html',
        '<!doctype html>\n<title>hello</title>\n<h1>Hello from every platform</h1>\n',
      ),
      file('srv/www/style.css', 'h1 { font-family: sans-serif; color: #d85a26; }\n'),
    ]),
  );
  const platforms = [
    { platform: { os: 'linux', architecture: 'amd64' }, uname: 'x86_64', machine: X86_64 },
    {
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      uname: 'aarch64',
      machine: AARCH64,
    },
  ];
  const manifests = platforms.map(({ platform, uname, machine }, i) => {
    const base = layout.addLayer(
      stamp(0, [
        symlink('bin', 'usr/bin'),
        dir('etc'),
        file('etc/os-release', osRelease(uname)),
        dir('usr'),
        dir('usr/bin'),
        file('usr/bin/hello', fakeElf(8 * 1024, machine, 50 + i), { mode: 0o755 }),
      ]),
    );
    const descriptor = layout.addImage({
      platform,
      config: { Cmd: ['/usr/bin/hello'], WorkingDir: '/srv/www' },
      history: [
        { created_by: `ADD rootfs-${uname}.tar / # buildkit` },
        { created_by: 'COPY site/ /srv/www/ # buildkit' },
        { created_by: 'CMD ["/usr/bin/hello"]', empty_layer: true },
      ],
      layers: [base, site],
    });
    return { ...descriptor, platform };
  });
  const subject = manifests[0];
  const statement = jsonBytes({
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType: 'https://spdx.dev/Document',
    subject: [
      {
        name: 'pkg:docker/demo/multiplatform@1.0?platform=linux%2Famd64',
        digest: { sha256: subject.digest.slice(7) },
      },
    ],
    predicate: {
      spdxVersion: 'SPDX-2.3',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'sbom',
      packages: [{ name: 'hello', SPDXID: 'SPDXRef-Package-hello', versionInfo: '1.0.0' }],
    },
  });
  const sbom = layout.add(MT.inToto, statement, {
    annotations: { 'in-toto.io/predicate-type': 'https://spdx.dev/Document' },
  });
  const attestationConfig = layout.add(
    MT.config,
    jsonBytes({
      architecture: 'unknown',
      os: 'unknown',
      config: {},
      rootfs: { type: 'layers', diff_ids: [sha256(statement)] },
    }),
  );
  const attestation = layout.add(
    MT.manifest,
    jsonBytes({
      schemaVersion: 2,
      mediaType: MT.manifest,
      config: attestationConfig,
      layers: [sbom],
    }),
  );
  const index = layout.add(
    MT.index,
    jsonBytes({
      schemaVersion: 2,
      mediaType: MT.index,
      manifests: [
        ...manifests,
        {
          ...attestation,
          annotations: {
            'vnd.docker.reference.digest': subject.digest,
            'vnd.docker.reference.type': 'attestation-manifest',
          },
          platform: { architecture: 'unknown', os: 'unknown' },
        },
      ],
    }),
  );
  return layout.toArchive([
    { ...index, annotations: { 'org.opencontainers.image.ref.name': '1.0' } },
  ]);
}

/** demo-docker: a legacy `docker save` tar of a two-layer image. */
export function demoDocker() {
  return dockerSave({
    tag: 'demo/docker:1.0',
    config: { Cmd: ['/usr/local/bin/serve'], Env: ['PATH=/usr/local/bin:/usr/bin'] },
    history: [
      { created_by: '/bin/sh -c #(nop) ADD file:demo-rootfs.tar in / ' },
      {
        created_by:
          "/bin/sh -c mkdir -p /srv/www && echo '<h1>hello</h1>' > /srv/www/index.html && chmod 755 /usr/local/bin/serve",
      },
      { created_by: '/bin/sh -c #(nop)  CMD ["/usr/local/bin/serve"]', empty_layer: true },
    ],
    layers: [
      stamp(0, [
        symlink('bin', 'usr/bin'),
        dir('etc'),
        file('etc/os-release', osRelease('x86_64')),
        file('etc/passwd', PASSWD),
        dir('usr'),
        dir('usr/bin'),
        file('usr/bin/busybox', fakeElf(8 * 1024, X86_64, 61), { mode: 0o755 }),
        hardlink('usr/bin/sh', 'usr/bin/busybox'),
      ]),
      stamp(1, [
        dir('srv'),
        dir('srv/www'),
        file('srv/www/index.html', '<h1>hello</h1>\n'),
        dir('usr/local'),
        dir('usr/local/bin'),
        file('usr/local/bin/serve', '#!/bin/sh\nexec httpd -f -p 8080 -h /srv/www\n', {
          mode: 0o755,
        }),
      ]),
    ],
  });
}

/** Every demo: file name, bytes, and what the start page says about it. */
export function buildAll() {
  return [
    {
      file: 'demo-lesson.oci.tar',
      format: 'oci-archive',
      title: 'The image-spec lesson: one layer, Cmd ["sh"]',
      description:
        'Built like the busybox image an introduction to the image-spec pulls with skopeo: an OCI layout whose index.json points to one manifest, a config with Cmd ["sh"], a PATH and two history rows, and one gzip layer holding a small root filesystem (lib64 -> lib, the etc/network/if-*.d folders, a few small files; our own content, not busybox). Press "Walk through this image" to follow the lesson step by step: index.json, manifest, config, layer, filesystem.',
      bytes: demoLesson(),
    },
    {
      file: 'demo-layers.oci.tar',
      format: 'oci-archive',
      title: 'Five layers that add, change, delete and link',
      description:
        'One image built in five steps. Pick a layer to see only its changes: layer 2 rewrites /etc/passwd and fills /var/cache/apk, layer 5 deletes /etc/motd with a .wh.motd whiteout and empties /var/cache/apk with an opaque marker (.wh..wh..opq), so the cache files are still in the image but no longer visible. /opt/model/weights.bin is written twice, which the wasted-space view counts against the efficiency score. /bin is a symlink into usr/bin, /usr/bin/ls and cat are hardlinks to busybox, /usr/bin/passwd is setuid and /usr/bin/ping carries a file capability in an xattr. Open logo.png for an image, libdemo.so for hex, CHANGELOG.txt for a file read page by page.',
      bytes: demoLayers(),
    },
    {
      file: 'demo-multiplatform.oci.tar',
      format: 'oci-archive',
      title: 'One tag, two platforms, and an SBOM attestation',
      description:
        'The top index points to an image index that lists a linux/amd64 and a linux/arm64/v8 image, plus a BuildKit attestation manifest (platform unknown/unknown) whose annotations name the amd64 image it describes and whose only layer is an in-toto SPDX statement, not a filesystem. Both images share their second layer: the graph draws that blob once with two parents. Open /usr/bin/hello in each platform and compare the ELF header in the hex view: byte 0x12 is the machine (0x3e x86-64, 0xb7 AArch64).',
      bytes: demoMultiplatform(),
    },
    {
      file: 'demo-docker.tar',
      format: 'docker-archive',
      title: 'A docker save tar',
      description:
        'The legacy format docker save wrote before Docker 25: manifest.json, repositories, the config as <hex>.json and one folder per layer with an uncompressed layer.tar. There is no image manifest in the archive, so the tool synthesizes one (marked as such in the graph); the layer digests are their diff_ids because the layers are not compressed.',
      bytes: demoDocker(),
    },
  ];
}

/** The catalogue the start page reads (`demos.json`): no bytes, only names, sizes and digests. */
export function catalogue(demos) {
  return `${JSON.stringify(
    demos.map(({ file, format, title, description, bytes }) => ({
      file,
      format,
      title,
      description,
      size: bytes.length,
      sha256: sha256(bytes),
    })),
    null,
    2,
  )}\n`;
}
