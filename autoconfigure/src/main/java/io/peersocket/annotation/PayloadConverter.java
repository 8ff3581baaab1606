package io.peersocket.annotation;

/**
 * Reads a packet into a record or POJO parameter and writes an object result as a packet;
 * backed by the application's JSON mapper.
 */
public interface PayloadConverter {

    /**
     * @param data the packet bytes
     * @param type the parameter type
     * @return the object
     */
    Object read(byte[] data, Class<?> type);

    /**
     * @param value a handler's result
     * @return its bytes (sent as text)
     */
    byte[] write(Object value);

}
