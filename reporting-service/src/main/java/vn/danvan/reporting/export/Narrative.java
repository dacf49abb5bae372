package vn.danvan.reporting.export;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import vn.danvan.reporting.plan.PlanReport;
import vn.danvan.reporting.report.Labels;
import vn.danvan.reporting.report.ModelReport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The paragraph officials write today ("Năm 2023, toàn huyện có 84 mô hình…"), drafted from the figures, as
 * Markdown or as a Word document they finish and sign.
 */
public final class Narrative {
    public static final String MARKDOWN = "text/markdown";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /** One block of the draft: a title, a heading or a paragraph. */
    public record Block(String kind, String text) {
    }

    private final List<Block> blocks;

    private Narrative(List<Block> blocks) {
        this.blocks = blocks;
    }

    public List<Block> blocks() {
        return blocks;
    }

    public static Narrative draft(ModelReport byChild, ModelReport byField, String periodLabel, PlanReport plans) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block("title", "BÁO CÁO KẾT QUẢ PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO”"));
        blocks.add(new Block("context", "Đơn vị: " + byChild.unitName() + " · Kỳ báo cáo: " + periodLabel + " (từ "
                + ReportTables.VN_DATE.format(byChild.period().from()) + " đến "
                + ReportTables.VN_DATE.format(byChild.period().to()) + ")"));
        String scope = scope(byChild);
        ModelReport.Counts t = byChild.totals();
        StringBuilder lead = new StringBuilder();
        lead.append(periodLabel).append(", ").append(scope).append(" có ").append(t.registered())
                .append(" mô hình “Dân vận khéo” được đăng ký xây dựng");
        if (t.registered() > 0) {
            lead.append(", trong đó ").append(t.newModels()).append(" mô hình mới và ").append(t.replicated())
                    .append(" mô hình nhân rộng");
        }
        lead.append(". ");
        long recognized = t.recognizedTotal();
        if (recognized == 0) {
            lead.append("Trong kỳ chưa có mô hình nào được công nhận.");
        } else {
            List<String> parts = new ArrayList<>();
            for (String level : List.of("NATIONAL", "PROVINCE", "DISTRICT", "COMMUNE")) {
                long count = t.recognized().getOrDefault(level, 0L);
                if (count > 0) {
                    parts.add(count + " mô hình " + lowerFirst(Labels.of(level)));
                }
            }
            lead.append("Có ").append(recognized).append(" lượt mô hình được công nhận: ")
                    .append(String.join(", ", parts)).append(".");
        }
        blocks.add(new Block("paragraph", lead.toString()));

        List<String> fields = byField.rows().stream().filter(r -> r.registered() > 0)
                .map(r -> lowerFirst(Labels.of(r.key())) + " " + r.registered() + " mô hình").toList();
        if (!fields.isEmpty()) {
            blocks.add(new Block("paragraph", "Theo lĩnh vực: " + String.join("; ", fields) + "."));
        }
        List<ModelReport.Row> leaders = byChild.rows().stream().filter(r -> r.registered() > 0)
                .sorted(Comparator.comparingLong(ModelReport.Row::registered).reversed()).limit(3).toList();
        if (!leaders.isEmpty()) {
            blocks.add(new Block("paragraph", "Các đơn vị có nhiều mô hình: " + leaders.stream()
                    .map(r -> r.label() + " (" + r.registered() + " mô hình)").collect(Collectors.joining(", ")) + "."));
        }
        if (plans != null) {
            blocks.add(new Block("heading", "Công tác phối hợp"));
            PlanReport.Summary s = plans.summary();
            StringBuilder text = new StringBuilder("Năm " + plans.year() + ", " + s.signed() + "/" + s.expected()
                    + " đơn vị đã ký kết chương trình, kế hoạch phối hợp công tác dân vận");
            List<String> missing = plans.units().stream().filter(u -> u.expected() && !u.signed())
                    .map(PlanReport.UnitStatus::name).toList();
            if (!missing.isEmpty()) {
                text.append("; còn ").append(missing.size()).append(" đơn vị chưa ký kết: ")
                        .append(String.join(", ", missing));
            }
            text.append(".");
            if (s.tasks().total() > 0) {
                text.append(" Các kế hoạch có ").append(s.tasks().total()).append(" nhiệm vụ trọng tâm: ")
                        .append(s.tasks().done()).append(" hoàn thành, ").append(s.tasks().inProgress())
                        .append(" đang triển khai, ").append(s.tasks().notStarted()).append(" chưa triển khai.");
            }
            blocks.add(new Block("paragraph", text.toString()));
        }
        return new Narrative(blocks);
    }

    /** "Xây dựng Đảng…" becomes "xây dựng Đảng…": only the first letter, proper nouns keep their capitals. */
    private static String lowerFirst(String label) {
        return label.isEmpty() ? label : Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }

    private static String scope(ModelReport report) {
        Map<String, String> byLevel = Map.of("PROVINCE", "toàn tỉnh", "DISTRICT", "toàn huyện", "COMMUNE", "toàn xã",
                "VILLAGE", "toàn thôn");
        String level = report.unitLevel();
        return level == null ? "toàn đơn vị" : byLevel.getOrDefault(level, "toàn đơn vị");
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        for (Block block : blocks) {
            switch (block.kind()) {
                case "title" -> md.append("# ").append(block.text()).append("\n\n");
                case "context" -> md.append("*").append(block.text()).append("*\n\n");
                case "heading" -> md.append("## ").append(block.text()).append("\n\n");
                default -> md.append(block.text()).append("\n\n");
            }
        }
        return md.toString();
    }

    public byte[] docx() {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (Block block : blocks) {
                XWPFParagraph paragraph = document.createParagraph();
                XWPFRun run = paragraph.createRun();
                run.setFontFamily("Times New Roman");
                run.setText(block.text());
                switch (block.kind()) {
                    case "title" -> {
                        paragraph.setAlignment(ParagraphAlignment.CENTER);
                        run.setBold(true);
                        run.setFontSize(14);
                    }
                    case "context" -> {
                        paragraph.setAlignment(ParagraphAlignment.CENTER);
                        run.setItalic(true);
                        run.setFontSize(13);
                    }
                    case "heading" -> {
                        run.setBold(true);
                        run.setFontSize(13);
                    }
                    default -> {
                        paragraph.setAlignment(ParagraphAlignment.BOTH);
                        paragraph.setIndentationFirstLine(567);
                        run.setFontSize(13);
                    }
                }
            }
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
