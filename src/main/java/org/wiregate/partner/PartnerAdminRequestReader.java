package org.wiregate.partner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Reads {@link PartnerAdminRequests} bodies with a strict Jackson mapper, and only those: an unknown
 * field, a number given for a string, a string or a fraction given for a whole number, is refused
 * rather than ignored or coerced. A body Jackson refuses becomes an {@link HttpMessageNotReadableException}
 * whose message names the field and the value, for {@link PartnerAdminProblems} to answer as a 400.
 *
 * <p>Whatever the Content-Type (or none): the API has always read its body as JSON, and scripts
 * that post without {@code Content-Type: application/json} keep working.
 */
final class PartnerAdminRequestReader extends MappingJackson2HttpMessageConverter {

    PartnerAdminRequestReader() {
        super(JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(
                        LogicalType.Integer,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Textual,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build());
        setSupportedMediaTypes(List.of(MediaType.ALL));
    }

    @Override
    public boolean canRead(Class<?> clazz, MediaType mediaType) {
        return PartnerAdminRequests.TYPES.contains(clazz) && super.canRead(clazz, mediaType);
    }

    @Override
    public boolean canRead(Type type, Class<?> contextClass, MediaType mediaType) {
        return type instanceof Class<?> clazz
                && PartnerAdminRequests.TYPES.contains(clazz)
                && super.canRead(type, contextClass, mediaType);
    }

    @Override
    public boolean canWrite(Class<?> clazz, MediaType mediaType) {
        return false;
    }

    @Override
    public boolean canWrite(Type type, Class<?> clazz, MediaType mediaType) {
        return false;
    }

    @Override
    public Object read(Type type, Class<?> contextClass, HttpInputMessage inputMessage) throws IOException {
        try {
            return super.read(type, contextClass, inputMessage);
        } catch (HttpMessageNotReadableException e) {
            throw new HttpMessageNotReadableException(explain(e.getCause(), (Class<?>) type), e, inputMessage);
        }
    }

    @Override
    protected Object readInternal(Class<?> clazz, HttpInputMessage inputMessage) throws IOException {
        return read(clazz, null, inputMessage);
    }

    @Override
    protected void writeInternal(Object object, Type type, HttpOutputMessage outputMessage) {
        throw new UnsupportedOperationException("reads partner admin requests only");
    }

    /** What is wrong with the body, in the words of the field and the value. */
    static String explain(Throwable failure, Class<?> request) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException refused) {
                return refused.getMessage(); // a request record's own check
            }
        }
        if (failure instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "' (known: " + PartnerAdminRequests.fieldsOf(request)
                    + ")";
        }
        if (!(failure instanceof JsonMappingException mapping)) {
            return "the body is not valid JSON";
        }
        if (mapping.getPath().isEmpty()) {
            return "the body must be a JSON object with " + PartnerAdminRequests.fieldsOf(request);
        }
        String field = mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
        Class<?> expected = Arrays.stream(request.getRecordComponents())
                .filter(c -> c.getName().equals(field))
                .map(RecordComponent::getType)
                .findFirst()
                .orElse(Object.class);
        String value = valueOf(mapping);
        String named = field + (value == null ? "" : " '" + value + "'");
        if (expected == String.class) {
            return named + " must be a string";
        }
        if (expected == Integer.class) {
            return named + " must be a whole number";
        }
        return named + " is not valid: " + mapping.getOriginalMessage();
    }

    /** The value Jackson refused, when it was a single token (not an object or array). */
    private static String valueOf(JsonMappingException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidFormatException format && format.getValue() != null) {
                return String.valueOf(format.getValue());
            }
            if (cause instanceof JsonProcessingException json
                    && json.getProcessor() instanceof JsonParser parser
                    && parser.currentToken() != null
                    && parser.currentToken().isScalarValue()) {
                try {
                    return parser.getText();
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
