# syntax=docker/dockerfile:1

# sdk:10.0 is Ubuntu 24.04, whose own nodejs package is 18 (end of life); the build needs Node 20+
# for npm ci, so node and npm are taken from the official Node image instead.
FROM node:24-slim AS node

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && node --version && npm --version

WORKDIR /src

# Build settings and project files first, so the restore layer survives source-only changes.
# Only the web project is restored: test projects are not part of the image.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ReverseMentoring.sln ./
COPY src/ReverseMentoring.Web/ReverseMentoring.Web.csproj src/ReverseMentoring.Web/
# For the machine's own runtime, with the ReadyToRun compiler: see the publish step.
RUN dotnet restore src/ReverseMentoring.Web/ReverseMentoring.Web.csproj --use-current-runtime -p:PublishReadyToRun=true

COPY src/ src/
# The build runs npm ci itself (RestoreFrontEnd target) to fill wwwroot/lib.
# Compiled ahead of time (ReadyToRun, ADR 0026): a new container answers its first requests without compiling the code
# of every path they take first.
RUN dotnet publish src/ReverseMentoring.Web -c Release -o /app --no-restore -p:UseAppHost=false \
    --use-current-runtime --self-contained false -p:PublishReadyToRun=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# Files stay owned by root: the app user can read but not change them.
COPY --from=build /app .

ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER $APP_UID

# Extra arguments are passed on, e.g. "migrate" applies migrations and exits.
ENTRYPOINT ["dotnet", "ReverseMentoring.Web.dll"]
