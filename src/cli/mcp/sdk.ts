/**
 * The Model Context Protocol SDK, loaded only by `adr mcp`: it (and zod, which it validates tool
 * arguments with) is about 29 MB and 98 packages that no other command needs, so both are optional
 * peer dependencies (src/optional-deps.ts, feature `mcp`). This is the one place that imports them.
 */
import { ensureFeature, type FeatureContext } from '../../optional-deps.js';

/** The parts of `@modelcontextprotocol/sdk` (1.x) and zod the server uses. */
export interface McpSdk {
  McpServer: typeof import('@modelcontextprotocol/sdk/server/mcp.js').McpServer;
  ResourceTemplate: typeof import('@modelcontextprotocol/sdk/server/mcp.js').ResourceTemplate;
  StdioServerTransport: typeof import('@modelcontextprotocol/sdk/server/stdio.js').StdioServerTransport;
  z: typeof import('zod/v4');
}

/**
 * Loads the SDK. When it or zod is missing (or of a version outside the peer range) this throws the
 * UserError of {@link ensureFeature}, whose last line is the command that installs them.
 */
export async function loadMcpSdk(context: FeatureContext): Promise<McpSdk> {
  ensureFeature('mcp', context);
  const [mcp, stdio, z] = await Promise.all([
    import('@modelcontextprotocol/sdk/server/mcp.js'),
    import('@modelcontextprotocol/sdk/server/stdio.js'),
    import('zod/v4'),
  ]);
  return { McpServer: mcp.McpServer, ResourceTemplate: mcp.ResourceTemplate, StdioServerTransport: stdio.StdioServerTransport, z };
}
