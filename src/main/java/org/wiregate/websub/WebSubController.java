package org.wiregate.websub;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /websub/hub}: subscription requests (form-encoded hub.mode, hub.topic, hub.callback,
 * hub.lease_seconds, hub.secret). 202 Accepted, then verification of intent happens
 * asynchronously; 4xx with the reason in plain text.
 */
@RestController
class WebSubController {

    private final WebSubHub hub;

    WebSubController(WebSubHub hub) {
        this.hub = hub;
    }

    @PostMapping(
            value = "/websub/hub",
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_PLAIN_VALUE + ";charset=utf-8")
    ResponseEntity<String> request(@RequestParam MultiValueMap<String, String> form) {
        WebSubHub.Request request;
        try {
            request = hub.validate(
                    single(form, "hub.mode"),
                    single(form, "hub.topic"),
                    single(form, "hub.callback"),
                    single(form, "hub.lease_seconds"),
                    single(form, "hub.secret"));
        } catch (IllegalArgumentException refused) {
            return ResponseEntity.badRequest().body(refused.getMessage() + "\n");
        }
        if (!hub.accept(request)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "60")
                    .body("the hub is busy; try again later\n");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(request.mode() + " request accepted; verification of intent follows\n");
    }

    private static String single(MultiValueMap<String, String> form, String name) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException(name + " given more than once");
        }
        return values.get(0);
    }
}
