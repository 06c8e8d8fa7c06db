declare module '@remix-run/node' {
  interface AppLoadContext {
    requestId: string
    cspNonce: string
    /** The client's address as Express sees it (trust proxy: loopback). */
    clientIp?: string
  }
}

export {}
