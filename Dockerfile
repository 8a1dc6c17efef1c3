# Lantern's image: one image for every role (LANTERN_ROLE=api|silo|all). Build from the repository root:
#   docker build -t lantern:dev .
# The .NET SDK stage restores from NuGet; the onnxruntime stage takes the ONNX Runtime C library from the npm
# package onnxruntime-node, pinned by version and SHA-256 exactly as scripts/onnxruntime.sh does.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY models/ models/
RUN dotnet publish src/Api/Lantern.Api.csproj -c Release -o /app --nologo

FROM node:22-bookworm-slim AS onnxruntime
ARG ORT_VERSION=1.30.0
ARG ORT_SHA256=ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23
WORKDIR /ort
RUN npm pack --silent "onnxruntime-node@${ORT_VERSION}" \
 && tar -xzf "onnxruntime-node-${ORT_VERSION}.tgz" package/bin/napi-v6/linux/x64/libonnxruntime.so.1 \
 && echo "${ORT_SHA256}  package/bin/napi-v6/linux/x64/libonnxruntime.so.1" | sha256sum -c - \
 && mv package/bin/napi-v6/linux/x64/libonnxruntime.so.1 /ort/libonnxruntime.so.1

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# The publish output carries the evaluator models in /app/models (Lantern.Api.csproj links models/*.onnx).
COPY --from=build /app ./
COPY --from=onnxruntime /ort/libonnxruntime.so.1 /app/onnxruntime/libonnxruntime.so.1
ENV ASPNETCORE_URLS=http://+:3000 \
    LANTERN_MODELS_DIR=/app/models \
    LANTERN_ONNXRUNTIME_PATH=/app/onnxruntime/libonnxruntime.so.1
# The base image's non-root "app" user, by number so Kubernetes can verify runAsNonRoot (the manifests' runAsUser).
USER 1654
EXPOSE 3000
ENTRYPOINT ["dotnet", "/app/Lantern.Api.dll"]
