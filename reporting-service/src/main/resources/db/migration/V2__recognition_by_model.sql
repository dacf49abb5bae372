-- A registration or correction of a model updates its recognitions: find them by model, not by a scan of all of them.
CREATE INDEX recognition_fact_model ON recognition_fact (model_id);
