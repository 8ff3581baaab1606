package io.peersocket.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Actuator over HTTP, as an operator sees it. */
final class Actuator {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;

    Actuator(int port) {
        this.base = "http://127.0.0.1:" + port + "/actuator";
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET());
    }

    HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(this.base + path)).DELETE());
    }

    JsonNode json(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200 && response.statusCode() != 503) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static JsonNode parse(String body) {
        return JSON.readTree(body);
    }

    /**
     * @param name a meter name
     * @param tags "key:value" pairs
     * @return the meter's first measurement (COUNT of a counter, VALUE of a gauge) or NaN
     * when no meter matches
     */
    double metric(String name, String... tags) {
        StringBuilder query = new StringBuilder();
        for (String tag : tags) {
            query.append(query.isEmpty() ? '?' : '&')
                .append("tag=")
                .append(URLEncoder.encode(tag, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = get("/metrics/" + name + query);
        if (response.statusCode() == 404) {
            return Double.NaN;
        }
        JsonNode measurements = parse(response.body()).get("measurements");
        return measurements.get(0).get("value").asDouble();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new AssertionError(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

}
