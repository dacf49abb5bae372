package vn.danvan.plan.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class ModelRepository implements PanacheRepositoryBase<Model, UUID> {
}
