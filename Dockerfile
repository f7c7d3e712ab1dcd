# The gateway built from this repository (used by docker-compose.yml).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system --uid 10001 --home /app wiregate && apt-get update -qq && apt-get install -y -qq curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/wiregate-*.jar /app/wiregate.jar
COPY routes /app/routes
COPY mappings /app/mappings
RUN mkdir -p /app/inbox /app/data /app/public && chown -R wiregate /app
USER 10001
ENV LANG=C.UTF-8
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-Dfile.encoding=UTF-8", "-jar", "/app/wiregate.jar"]
