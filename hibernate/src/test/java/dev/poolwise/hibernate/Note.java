package dev.poolwise.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The entity the tests persist: an id and a line of text. */
@Entity
@Table(name = "poolwise_hibernate_note")
public class Note {

    @Id
    @GeneratedValue
    private Long id;

    private String text;

    /** For Hibernate. */
    protected Note() {
    }

    Note(String text) {
        this.text = text;
    }

    Long id() {
        return id;
    }

    String text() {
        return text;
    }
}
