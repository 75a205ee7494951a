// The app's page paths, for links and redirects on both sides.
export const paths = {
  home: "/",
  login: "/login",
  register: "/register",
  conversations: "/conversations",
  conversation: (id: string) => `/conversations/${id}`,
};
