-- Staff per group
SELECT g.name, count(*) FROM auth_user u
JOIN auth_user_groups ug ON ug.user_id = u.id
JOIN auth_group g ON g.id = ug.group_id
GROUP BY g.name;
