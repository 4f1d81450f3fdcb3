// Links to the user admin, built in the browser.
const usersPage = "/admin/auth/user/";
const changePage = `${ADMIN_URL}auth/user/${id}/change/`;
const who = auth.user;  // a variable, not a model label
