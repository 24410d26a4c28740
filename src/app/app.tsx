/** The application shell. The explorer views land here as they are built. */
export function App() {
  return (
    <main>
      <h1>OCI Image Explorer</h1>
      <p>
        Look inside OCI container images in your browser: the index → manifest → config and layers
        graph, every blob verified, and the merged filesystem with the story of each path. Nothing
        you open leaves this page.
      </p>
    </main>
  );
}
