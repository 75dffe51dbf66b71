package io.loadtcp.engine.executor;

import java.math.BigDecimal;
import java.math.BigInteger;

/** An exact, normalised rational number (denominator positive), for execution segments. */
record Fraction(BigInteger num, BigInteger den) implements Comparable<Fraction> {
    static final Fraction ZERO = of(0, 1);
    static final Fraction ONE = of(1, 1);

    Fraction {
        if (den.signum() == 0) throw new ArithmeticException("zero denominator");
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        BigInteger g = num.gcd(den);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            num = num.divide(g);
            den = den.divide(g);
        }
        if (num.signum() == 0) den = BigInteger.ONE;
    }

    static Fraction of(long num, long den) {
        return new Fraction(BigInteger.valueOf(num), BigInteger.valueOf(den));
    }

    /** Parses "1/3", "0.25", "25%" or "1" (k6's forms); throws IllegalArgumentException otherwise. */
    static Fraction parse(String text) {
        String s = text.trim();
        try {
            if (s.endsWith("%")) {
                return new Fraction(new BigInteger(s.substring(0, s.length() - 1).trim()), BigInteger.valueOf(100));
            }
            int slash = s.indexOf('/');
            if (slash >= 0) {
                return new Fraction(new BigInteger(s.substring(0, slash).trim()), new BigInteger(s.substring(slash + 1).trim()));
            }
            BigDecimal d = new BigDecimal(s);
            return d.scale() <= 0 ? new Fraction(d.toBigIntegerExact(), BigInteger.ONE)
                    : new Fraction(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid percentage, decimal or fraction");
        }
    }

    Fraction plus(Fraction o) {
        return new Fraction(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    Fraction minus(Fraction o) {
        return new Fraction(num.multiply(o.den).subtract(o.num.multiply(den)), den.multiply(o.den));
    }

    Fraction times(long v) {
        return new Fraction(num.multiply(BigInteger.valueOf(v)), den);
    }

    /** Rounds half up (k6's roundUp: quotient, plus one when twice the remainder reaches the denominator). */
    long roundHalfUp() {
        BigInteger[] qr = num.divideAndRemainder(den);
        return (qr[1].shiftLeft(1).compareTo(den) >= 0 ? qr[0].add(BigInteger.ONE) : qr[0]).longValueExact();
    }

    @Override
    public int compareTo(Fraction o) {
        return num.multiply(o.den).compareTo(o.num.multiply(den));
    }

    @Override
    public String toString() {
        return den.equals(BigInteger.ONE) ? num.toString() : num + "/" + den;
    }
}
