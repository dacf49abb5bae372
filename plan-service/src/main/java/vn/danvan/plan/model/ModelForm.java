package vn.danvan.plan.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Size;
import vn.danvan.common.text.VietnameseText;

/** The registration form of a model (phiếu đăng ký mô hình): what the unit commits to, in its own words. */
@Embeddable
public record ModelForm(
        @Size(max = 20_000, message = "must be at most 20000 characters") String situation,
        @Size(max = 20_000, message = "must be at most 20000 characters") String goals,
        @Size(max = 20_000, message = "must be at most 20000 characters") String content,
        @Size(max = 20_000, message = "must be at most 20000 characters") String beneficiaries,
        @Column(name = "lead_forces") @Size(max = 20_000, message = "must be at most 20000 characters") String leadForces,
        @Column(name = "partner_forces") @Size(max = 20_000, message = "must be at most 20000 characters") String partnerForces,
        @Size(max = 20_000, message = "must be at most 20000 characters") String resources,
        @Size(max = 20_000, message = "must be at most 20000 characters") String timeline,
        @Column(name = "expected_results") @Size(max = 20_000, message = "must be at most 20000 characters") String expectedResults) {

    public static final ModelForm EMPTY = new ModelForm(null, null, null, null, null, null, null, null, null);

    public ModelForm normalized() {
        return new ModelForm(VietnameseText.normalize(situation), VietnameseText.normalize(goals),
                VietnameseText.normalize(content), VietnameseText.normalize(beneficiaries),
                VietnameseText.normalize(leadForces), VietnameseText.normalize(partnerForces),
                VietnameseText.normalize(resources), VietnameseText.normalize(timeline),
                VietnameseText.normalize(expectedResults));
    }
}
