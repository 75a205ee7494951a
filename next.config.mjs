/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  devIndicators: false,
  // Native bindings and the libSQL driver stay out of the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "@libsql/client", "libsql", "@prisma/adapter-libsql"],
};

export default nextConfig;
