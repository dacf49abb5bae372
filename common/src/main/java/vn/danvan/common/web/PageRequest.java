package vn.danvan.common.web;

import jakarta.ws.rs.QueryParam;

/**
 * {@code page} from 0 and {@code size} (default 50, at most 500); use as {@code @BeanParam PageRequest}.
 * The parameters are read as text so that "?size=abc" is a 400 naming the parameter, not JAX-RS's bare 404.
 */
public class PageRequest {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    @QueryParam("page")
    String pageParam;

    @QueryParam("size")
    String sizeParam;

    public static PageRequest of(int page, int size) {
        PageRequest request = new PageRequest();
        request.pageParam = Integer.toString(page);
        request.sizeParam = Integer.toString(size);
        return request;
    }

    public int page() {
        return QueryParams.integer("page", pageParam, 0, 0, Integer.MAX_VALUE / MAX_SIZE, "must be 0 or more");
    }

    public int size() {
        return QueryParams.integer("size", sizeParam, DEFAULT_SIZE, 1, MAX_SIZE, "must be between 1 and " + MAX_SIZE);
    }

    public int offset() {
        return page() * size();
    }
}
