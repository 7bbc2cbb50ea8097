/**
 * The Model Context Protocol SDK, loaded only by `adr mcp`: it (and zod, which it validates tool
 * arguments with) is about 29 MB and 98 packages that no other command needs, so it is not a
 * dependency of the CLI. This is the one place that imports it.
 */
import { UserError } from '../errors.js';

/** The parts of `@modelcontextprotocol/sdk` (1.x) and zod the server uses. */
export interface McpSdk {
  McpServer: typeof import('@modelcontextprotocol/sdk/server/mcp.js').McpServer;
  ResourceTemplate: typeof import('@modelcontextprotocol/sdk/server/mcp.js').ResourceTemplate;
  StdioServerTransport: typeof import('@modelcontextprotocol/sdk/server/stdio.js').StdioServerTransport;
  z: typeof import('zod/v4');
}

/** The command that installs what `adr mcp` needs, for the message when it is missing. */
export const MCP_INSTALL = 'npm install @modelcontextprotocol/sdk@1 zod';

/**
 * Loads the SDK. Throws a UserError naming the install command when it is not installed (a
 * dependency of the SDK missing reads the same way); any other failure is a real error.
 */
export async function loadMcpSdk(): Promise<McpSdk> {
  try {
    const [mcp, stdio, z] = await Promise.all([
      import('@modelcontextprotocol/sdk/server/mcp.js'),
      import('@modelcontextprotocol/sdk/server/stdio.js'),
      import('zod/v4'),
    ]);
    return { McpServer: mcp.McpServer, ResourceTemplate: mcp.ResourceTemplate, StdioServerTransport: stdio.StdioServerTransport, z };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
      throw new UserError(`adr mcp needs the Model Context Protocol SDK, which is not installed (${(error as Error).message.split('\n')[0]}). Install it where adr is installed: ${MCP_INSTALL}`);
    }
    throw error;
  }
}
