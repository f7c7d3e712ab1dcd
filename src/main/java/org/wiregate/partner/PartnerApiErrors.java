package org.wiregate.partner;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem answers for the partner package's controllers only; the admin API has {@link PartnerAdminProblems}. */
@RestControllerAdvice(basePackageClasses = PartnerApiErrors.class)
class PartnerApiErrors {

    @ExceptionHandler(Problems.ProblemException.class)
    ResponseEntity<byte[]> problem(Problems.ProblemException e) {
        return Problems.answer(e.problem());
    }
}
