package vn.danvan.common.sql;

import org.postgresql.PGStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Statements that PostgreSQL plans at each execution, with the values given and the tables as they are then.
 * <p>
 * pgjdbc prepares a statement on the server from its fifth execution on, and PostgreSQL may then keep a generic plan:
 * one made without the values and with the statistics of that moment. For a statement that looks up a list of ids in
 * a table that grows, that plan can be a sequential scan made while the table was nearly empty, or made for a list
 * of unknown length, and it runs again at every call. Seen with the platform benchmark's table statistics: the outbox
 * relay (400 scans and 2.5 M rows read in 10 s) and reporting's lookup of a batch's facts (570 scans, 3.7 M rows).
 * Planning each time costs a fraction of a millisecond; for statements run once per batch that is cheap.
 */
public final class CustomPlans {
    private CustomPlans() {
    }

    public static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        return statement;
    }
}
