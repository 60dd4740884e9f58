#!/bin/sh
# Stand-in for the official mariadb/mysql images' entrypoint: honours MARIADB_ROOT_PASSWORD /
# MYSQL_ROOT_PASSWORD and MARIADB_DATABASE / MYSQL_DATABASE.
set -e
DATADIR=/var/lib/mysql
PASSWORD=${MARIADB_ROOT_PASSWORD:-$MYSQL_ROOT_PASSWORD}
DATABASE=${MARIADB_DATABASE:-$MYSQL_DATABASE}
[ -n "$PASSWORD" ] || { echo "MARIADB_ROOT_PASSWORD or MYSQL_ROOT_PASSWORD is required" >&2; exit 1; }
mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
if [ ! -f "$DATADIR/.initialised" ]; then
  rm -rf "${DATADIR:?}"/*
  mariadb-install-db --user=mysql --datadir="$DATADIR" --auth-root-authentication-method=normal >/dev/null
  {
    echo "CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '$PASSWORD';"
    echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$PASSWORD';"
    [ -n "$DATABASE" ] && echo "CREATE DATABASE IF NOT EXISTS \`$DATABASE\`;"
    echo "FLUSH PRIVILEGES;"
  } > /tmp/init.sql
  chown mysql /tmp/init.sql; touch "$DATADIR/.initialised"
fi
INIT=""; [ -f /tmp/init.sql ] && INIT="--init-file=/tmp/init.sql"
# As the official image: no reverse DNS lookup of clients (with no DNS it stalls each login for seconds).
exec mariadbd --user=mysql --datadir="$DATADIR" --bind-address=0.0.0.0 --port=3306 --skip-name-resolve $INIT
