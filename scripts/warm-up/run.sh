#!/bin/sh
docker run -d --name web -p 80:80 --cap-add NET_ADMIN -v /var/run/docker.sock:/var/run/docker.sock nginx
