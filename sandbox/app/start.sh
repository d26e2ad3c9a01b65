#!/bin/sh
# Writes this container's page, then serves it on port 3000 on every interface (0.0.0.0), so
# traffic from outside the container (docker run -p, a load balancer) can reach it.
set -e
cat > /app/public/index.html <<PAGE
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>ECS Workbook sample app v$APP_VERSION</title></head>
<body style="font-family: sans-serif; margin: 3rem">
<h1>Hello from the ECS Workbook sample app</h1>
<p>Version: <strong id="version">$APP_VERSION</strong></p>
<p>Served by: <strong id="host">$(hostname)</strong></p>
</body>
</html>
PAGE
echo "sample app v$APP_VERSION listening on 0.0.0.0:3000"
exec httpd -f -v -p 0.0.0.0:3000 -h /app/public
