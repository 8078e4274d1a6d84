// The reference side of formwork's VTL cross-check: renders every tests/vtl/corpus/*.vm with
// Apache Velocity 1.7 (Debian `velocity`) and Jayway JsonPath (Debian `libjsonpath-java`), giving
// templates $input, $util, $context and $stageVariables with API Gateway's semantics, in one JVM.
// Usage: java VtlHarness <corpus dir> <output dir>. For each NAME.vm it writes NAME.out (the
// output, or "ERROR" when rendering failed) and NAME.ovr (the overrides the template set).
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import java.io.File;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.*;
import org.apache.commons.lang.StringEscapeUtils;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;

public class VtlHarness {
  static final Configuration JSON = Configuration.defaultConfiguration();

  static Object parse(String text) { return JSON.jsonProvider().parse(text); }

  // Compact JSON as formwork's engine writes it (nlohmann's escaping, Java's number text).
  static void toJson(Object v, StringBuilder out) {
    if (v == null) { out.append("null"); return; }
    if (v instanceof String) { quote((String) v, out); return; }
    if (v instanceof Map) {
      out.append('{'); boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!first) out.append(','); first = false;
        quote(String.valueOf(e.getKey()), out); out.append(':'); toJson(e.getValue(), out);
      }
      out.append('}'); return;
    }
    if (v instanceof List) {
      out.append('['); boolean first = true;
      for (Object e : (List<?>) v) { if (!first) out.append(','); first = false; toJson(e, out); }
      out.append(']'); return;
    }
    out.append(String.valueOf(v));
  }

  static void quote(String s, StringBuilder out) {
    out.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c)); else out.append(c);
      }
    }
    out.append('"');
  }

  public static class Input {
    final String body;
    final Map<String, Object> params;
    Input(String body, Map<String, Object> params) { this.body = body; this.params = params; }
    public String getBody() { return body; }
    // API Gateway reads an empty body as {} ($input.json('$') of a GET is {}).
    String json() { return body.isEmpty() ? "{}" : body; }
    public Object path(String p) {
      try { return JsonPath.using(JSON).parse(json()).read(p); }
      catch (PathNotFoundException e) { return null; }
    }
    public String json(String p) {
      Object v;
      try { v = JsonPath.using(JSON).parse(json()).read(p); }
      catch (PathNotFoundException e) { v = null; }
      StringBuilder out = new StringBuilder(); toJson(v, out); return out.toString();
    }
    public Map<String, Object> params() { return params; }
    @SuppressWarnings("unchecked")
    public String params(String name) {
      for (String kind : new String[] {"path", "querystring", "header"}) {
        Map<String, String> m = (Map<String, String>) params.get(kind);
        if (m.containsKey(name)) return m.get(name);
      }
      return "";
    }
  }

  public static class Util {
    public String escapeJavaScript(String s) { return StringEscapeUtils.escapeJavaScript(s); }
    public Object parseJson(String s) { return parse(s); }
    public String urlEncode(String s) throws Exception { return URLEncoder.encode(s, "UTF-8"); }
    public String urlDecode(String s) throws Exception { return URLDecoder.decode(s, "UTF-8"); }
    public String base64Encode(String s) {
      return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
    public String base64Decode(String s) {
      return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof Map ? (Map<String, Object>) v : new HashMap<>();
  }

  static Map<String, Object> sorted(Map<String, Object> m) { return new TreeMap<>(m); }

  static Object str(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? "" : v.toString();
  }

  // $context as formwork's engine builds it from vtl::Context: every key present, in this order.
  static Map<String, Object> context(Map<String, Object> c) {
    Map<String, Object> ctx = new LinkedHashMap<>();
    for (String k : new String[] {"requestId", "extendedRequestId", "accountId", "apiId", "stage",
             "resourceId", "resourcePath", "httpMethod", "path", "protocol", "domainName",
             "domainPrefix", "requestTime"}) ctx.put(k, str(c, k));
    Object epoch = c.get("requestTimeEpoch");
    ctx.put("requestTimeEpoch", epoch == null ? 0L : ((Number) epoch).longValue());
    Map<String, Object> idIn = obj(c, "identity"), id = new LinkedHashMap<>();
    for (String k : new String[] {"sourceIp", "userAgent", "caller", "user", "userArn", "apiKey",
             "accountId"}) id.put(k, str(idIn, k));
    ctx.put("identity", id);
    Map<String, Object> auth = new TreeMap<>();
    for (Map.Entry<String, Object> e : obj(c, "authorizer").entrySet()) auth.put(e.getKey(), e.getValue().toString());
    ctx.put("authorizer", auth);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("header", new LinkedHashMap<String, Object>());
    ctx.put("responseOverride", response);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("header", new LinkedHashMap<String, Object>());
    request.put("querystring", new LinkedHashMap<String, Object>());
    request.put("path", new LinkedHashMap<String, Object>());
    ctx.put("requestOverride", request);
    return ctx;
  }

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    File corpus = new File(args[0]), out = new File(args[1]);
    out.mkdirs();
    Map<String, Object> spec = (Map<String, Object>) parse(
        new String(Files.readAllBytes(new File(corpus, "inputs.json").toPath()), StandardCharsets.UTF_8));
    Map<String, Object> inputs = obj(spec, "inputs"), chosen = obj(spec, "templates");
    VelocityEngine engine = new VelocityEngine();
    engine.setProperty("runtime.log.logsystem.class", "org.apache.velocity.runtime.log.NullLogChute");
    engine.setProperty("directive.foreach.maxloops", "1000");
    engine.init();
    File[] files = corpus.listFiles((d, n) -> n.endsWith(".vm"));
    Arrays.sort(files);
    for (File f : files) {
      String name = f.getName();
      Object which = chosen.get(name);
      Map<String, Object> in = obj(inputs, which == null ? "default" : which.toString());
      Map<String, Object> params = new LinkedHashMap<>();
      for (String kind : new String[] {"path", "querystring", "header"}) params.put(kind, sorted(obj(in, kind)));
      Map<String, Object> ctx = context(obj(in, "context"));
      VelocityContext vc = new VelocityContext();
      Object body = in.get("body");
      vc.put("input", new Input(body == null ? "" : body.toString(), params));
      vc.put("util", new Util());
      vc.put("context", ctx);
      vc.put("stageVariables", sorted(obj(in, "stageVariables")));
      String text = new String(Files.readAllBytes(f.toPath()), StandardCharsets.UTF_8);
      String result;
      try {
        StringWriter w = new StringWriter();
        engine.evaluate(vc, w, name, text);
        result = w.toString();
      } catch (Exception e) {
        System.err.println(name + ": " + e);
        result = "ERROR";
      }
      StringBuilder ovr = new StringBuilder();
      Map<String, Object> response = (Map<String, Object>) ctx.get("responseOverride");
      if (response.get("status") != null) ovr.append("status=").append(response.get("status")).append('\n');
      for (Map.Entry<String, Object> e : ((Map<String, Object>) response.get("header")).entrySet())
        ovr.append("header.").append(e.getKey()).append('=').append(e.getValue()).append('\n');
      Files.write(new File(out, name + ".out").toPath(), result.getBytes(StandardCharsets.UTF_8));
      Files.write(new File(out, name + ".ovr").toPath(), ovr.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
