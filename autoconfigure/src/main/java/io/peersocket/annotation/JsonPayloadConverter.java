package io.peersocket.annotation;

import tools.jackson.databind.json.JsonMapper;

/** {@link PayloadConverter} on the application's Jackson {@link JsonMapper}. */
public final class JsonPayloadConverter implements PayloadConverter {

    private final JsonMapper mapper;

    /**
     * @param mapper the application's JSON mapper
     */
    public JsonPayloadConverter(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Object read(byte[] data, Class<?> type) {
        return this.mapper.readValue(data, type);
    }

    @Override
    public byte[] write(Object value) {
        return this.mapper.writeValueAsBytes(value);
    }

}
